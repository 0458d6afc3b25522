import type { IconName } from '../components/Icon';

export type SectionId = 'interviews' | 'people' | 'search' | 'audit' | 'settings';

export interface SectionInfo {
  readonly id: SectionId;
  readonly label: string;
  readonly icon: IconName;
}

export const SECTIONS: readonly SectionInfo[] = [
  { id: 'interviews', label: 'Interviews', icon: 'interviews' },
  { id: 'people', label: 'People', icon: 'people' },
  { id: 'search', label: 'Search', icon: 'search' },
  { id: 'audit', label: 'Audit log', icon: 'audit' },
  { id: 'settings', label: 'Settings', icon: 'settings' },
];
