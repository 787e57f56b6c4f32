/** The sections of an instance, in navigation order; `segment` is the URL path segment after the instance. */
export const SECTIONS = [
  { segment: '', label: 'Overview' },
  { segment: 'endpoints', label: 'Endpoints' },
  { segment: 'dataflows', label: 'Dataflows' },
  { segment: 'profiles', label: 'Profiles' },
  { segment: 'import-export', label: 'Import / Export' },
] as const;

export type Section = (typeof SECTIONS)[number];
export type SectionSegment = Section['segment'];

export function instancePath(instance: string, section: SectionSegment = '', name?: string): string {
  const parts = ['', 'instances', encodeURIComponent(instance)];
  if (section !== '') parts.push(section);
  if (name !== undefined) parts.push(encodeURIComponent(name));
  return parts.join('/');
}

export interface Location {
  instance: string;
  section: Section;
  name: string | undefined;
}

/** Where a pathname points inside an instance, or undefined outside one. */
export function locate(pathname: string): Location | undefined {
  const [, root, instance, segment = '', name] = pathname.split('/');
  if (root !== 'instances' || instance === undefined || instance === '') return undefined;
  const section = SECTIONS.find((s) => s.segment === segment);
  if (section === undefined) return undefined;
  return {
    instance: decodeURIComponent(instance),
    section,
    name: name === undefined || name === '' ? undefined : decodeURIComponent(name),
  };
}
