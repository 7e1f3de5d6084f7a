// Opens an implementation's epic in Jira's issue view, through Forge's router.
import { router } from '@forge/bridge';

export function openEpic(key: string) {
  void router.navigate({ target: 'issue', issueKey: key }).catch(() => undefined);
}
