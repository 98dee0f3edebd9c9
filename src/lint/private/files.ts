import * as fs from 'fs';
import { unreadableFile } from './errors';
import { parseYaml, SourcedDocument } from './input/yaml';
import { K8sObject, toObjects } from './objects';

/**
 * Reads the YAML documents of a file; `-` reads standard input.
 */
export function readDocuments(file: string): SourcedDocument[] {
  let text: string;
  try {
    text = fs.readFileSync(file === '-' ? 0 : file, 'utf-8');
  } catch (e) {
    throw unreadableFile(file, (e as NodeJS.ErrnoException).code ?? String(e));
  }
  return parseYaml(text, file);
}

/**
 * Reads the objects of several files, in order, as one bundle.
 */
export function readObjects(files: string[]): K8sObject[] {
  return toObjects(files.flatMap(readDocuments));
}
