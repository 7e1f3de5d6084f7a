// Typed calls of the RAID log resolver (src/contracts/raid-log.ts).
import { z } from 'zod';
import {
  CreateRaidItemPayload,
  GetRaidLogPayload,
  GetRaidTransitionsPayload,
  Owners,
  RAID_LOG_KEYS,
  RaidItem,
  RaidLogView,
  RaidTransitions,
  SearchOwnersPayload,
  UpdateRaidItemPayload,
} from '../../src/contracts/raid-log';
import { callResolver } from '../shared/invoke';

export const raidLog = {
  get: () => callResolver(RAID_LOG_KEYS.getRaidLog, GetRaidLogPayload, RaidLogView, {}),
  create: (payload: z.input<typeof CreateRaidItemPayload>) =>
    callResolver(RAID_LOG_KEYS.createRaidItem, CreateRaidItemPayload, RaidItem, payload),
  update: (payload: z.input<typeof UpdateRaidItemPayload>) =>
    callResolver(RAID_LOG_KEYS.updateRaidItem, UpdateRaidItemPayload, RaidItem, payload),
  transitions: (key: string) =>
    callResolver(RAID_LOG_KEYS.getRaidTransitions, GetRaidTransitionsPayload, RaidTransitions, { key }),
  owners: (query: string) => callResolver(RAID_LOG_KEYS.searchOwners, SearchOwnersPayload, Owners, { query }),
};
