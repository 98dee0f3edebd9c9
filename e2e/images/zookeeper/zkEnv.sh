# zkEnv.sh for Debian's ZooKeeper as the zookeeper image's behaves: the configuration
# directory comes from ZOOCFGDIR (the image sets /conf), logs go to ZOO_LOG_DIR, and
# ZK_SERVER_HEAP sets the server's heap in MiB. Sourced by zkServer.sh.
ZOOCFGDIR="${ZOOCFGDIR:-/etc/zookeeper/conf}"
ZOOCFG="$ZOOCFGDIR/${ZOOCFG:-zoo.cfg}"
ZOO_LOG_DIR="${ZOO_LOG_DIR:-/var/log/zookeeper}"
JAVA=/usr/bin/java
# The image logs to the console through its logback.xml; Debian's ZooKeeper logs through
# log4j (bound to slf4j here), to the console as well.
CLASSPATH="$ZOOCFGDIR:/usr/share/java/zookeeper.jar:/usr/share/java/slf4j-log4j12.jar:/usr/share/java/log4j-1.2.jar"
SERVER_JVMFLAGS="-Xmx${ZK_SERVER_HEAP:-1000}m -Dlog4j.configuration=file:/etc/zookeeper/conf_example/log4j.properties -Dzookeeper.root.logger=INFO,CONSOLE ${SERVER_JVMFLAGS:-}"
