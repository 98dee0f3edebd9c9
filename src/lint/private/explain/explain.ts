import { renderMarkdown } from './markdown';
import { explainBundle } from './model';
import { renderText } from './text';
import { Bundle } from '../bundle';

/** The explanation of a bundle as text. */
export function explainAsText(bundle: Bundle, clusterDomain: string): string {
  return renderText(explainBundle(bundle, clusterDomain));
}

/** The explanation of a bundle as Markdown. */
export function explainAsMarkdown(bundle: Bundle, clusterDomain: string): string {
  return renderMarkdown(explainBundle(bundle, clusterDomain));
}
