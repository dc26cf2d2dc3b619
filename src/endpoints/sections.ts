/**
 * Sections other rooms add at the end of each endpoint's page (`IEndpointsRoom.addEndpointSection`:
 * the Model Monitor room adds the endpoint's monitoring schedules), so that this room imports no
 * other room. Read when a page renders; pages re-render on every refresh.
 */
import { DisposableDelegate, type IDisposable } from '@lumino/disposable';

import type { EndpointPageSection } from '../tokens';

const sections: EndpointPageSection[] = [];

/** The sections added so far, in the order they were added. */
export function endpointSections(): ReadonlyArray<EndpointPageSection> {
  return sections;
}

/** Add a section to every endpoint's page; dispose the result to remove it. */
export function addEndpointSection(section: EndpointPageSection): IDisposable {
  sections.push(section);
  return new DisposableDelegate(() => {
    const i = sections.indexOf(section);
    if (i >= 0) {
      sections.splice(i, 1);
    }
  });
}
