import type { IconName } from '../components/Icon';
import type { MessageId } from '../i18n/catalogs';

export type SectionId = 'interviews' | 'people' | 'search' | 'brief' | 'colleagues' | 'received' | 'audit' | 'travel' | 'settings';

export interface SectionInfo {
  readonly id: SectionId;
  readonly label: MessageId;
  readonly icon: IconName;
}

export const SECTIONS: readonly SectionInfo[] = [
  { id: 'interviews', label: 'sections.interviews', icon: 'interviews' },
  { id: 'people', label: 'sections.people', icon: 'people' },
  { id: 'search', label: 'sections.search', icon: 'search' },
  { id: 'brief', label: 'sections.brief', icon: 'brief' },
  { id: 'received', label: 'sections.received', icon: 'inbox' },
  { id: 'colleagues', label: 'sections.colleagues', icon: 'key' },
  { id: 'audit', label: 'sections.audit', icon: 'audit' },
  { id: 'travel', label: 'sections.travel', icon: 'travel' },
  { id: 'settings', label: 'sections.settings', icon: 'settings' },
];
