import * as fs from 'fs';
import * as path from 'path';
import { fileSource, imageRepository, LOCAL_IMAGES, localImage } from './images';

describe('imageRepository', () => {
  test.each([
    ['zookeeper:3.8.4', 'zookeeper'],
    ['docker.io/library/mysql:8.0.36', 'mysql'],
    ['index.docker.io/nginxinc/nginx-unprivileged:1.25.5', 'nginxinc/nginx-unprivileged'],
    ['gcr.io/etcd-development/etcd:v3.5.9', 'gcr.io/etcd-development/etcd'],
    ['busybox@sha256:0123abcd', 'busybox'],
    ['redis:7.2.4@sha256:0123abcd', 'redis'],
    ['localhost:5000/busybox', 'localhost:5000/busybox'],
  ])('%s is %s', (image, repository) => {
    expect(imageRepository(image)).toBe(repository);
  });
});

describe('localImage', () => {
  test('finds the entry of an image whatever its tag', () => {
    expect(localImage('busybox:1.36.1')?.applets).toBe('/bin/busybox');
    expect(localImage('busybox:1.37.0')?.repository).toBe('busybox');
  });

  test('has no entry for images no Debian package runs', () => {
    expect(localImage('apache/kafka:3.7.0')).toBeUndefined();
    expect(localImage('cassandra:4.1.4')).toBeUndefined();
  });
});

describe('the image table', () => {
  test('names each repository once', () => {
    const repositories = LOCAL_IMAGES.map(image => image.repository);
    expect(new Set(repositories).size).toBe(repositories.length);
  });

  test('every file it places in an image is in e2e/images', () => {
    const relative = LOCAL_IMAGES.flatMap(image => Object.values(image.files)).filter(source => !path.isAbsolute(source));
    expect(relative.filter(source => !fs.existsSync(fileSource(source)))).toEqual([]);
  });

  test('.ci/run installs every Debian package it needs', () => {
    const ci = fs.readFileSync(path.join(__dirname, '..', '.ci', 'run'), 'utf8');
    const installed = /^E2E_PACKAGES="([^"]*)"/m.exec(ci)?.[1].split(/\s+/) ?? [];
    const needed = new Set(LOCAL_IMAGES.flatMap(image => image.packages));
    expect([...needed].filter(pkg => !installed.includes(pkg))).toEqual([]);
  });
});
