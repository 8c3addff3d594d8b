import { SERVICE_NAMES, ServiceKey, type PracticeServiceView } from '@arbor/contracts';

/** A practice's stored setting for one service; absent means "never touched": disabled, nobody. */
export interface PracticeServiceState {
  readonly key: ServiceKey;
  readonly enabled: boolean;
  readonly providerIds: readonly string[];
}

export interface ServiceChanges {
  readonly enabled?: boolean;
  readonly providerIds?: readonly string[];
}

const DEFAULT: Omit<PracticeServiceState, 'key'> = { enabled: false, providerIds: [] };

/** The whole catalogue for a practice, in catalogue order, stored settings over defaults. */
export function catalogue(stored: readonly PracticeServiceState[]): PracticeServiceView[] {
  const byKey = new Map(stored.map((state) => [state.key, state]));
  return ServiceKey.options.map((key) => view(byKey.get(key) ?? { key, ...DEFAULT }));
}

export function view(state: PracticeServiceState): PracticeServiceView {
  return {
    key: state.key,
    name: SERVICE_NAMES[state.key],
    enabled: state.enabled,
    providerIds: [...state.providerIds],
  };
}

export function applyChanges(
  current: PracticeServiceState | undefined,
  key: ServiceKey,
  changes: ServiceChanges,
): PracticeServiceState {
  const base = current ?? { key, ...DEFAULT };
  return {
    key,
    enabled: changes.enabled ?? base.enabled,
    providerIds: changes.providerIds ? [...changes.providerIds] : [...base.providerIds],
  };
}

export function sameState(a: PracticeServiceState | undefined, b: PracticeServiceState): boolean {
  const before = a ?? { key: b.key, ...DEFAULT };
  return (
    before.enabled === b.enabled &&
    before.providerIds.length === b.providerIds.length &&
    before.providerIds.every((id, index) => id === b.providerIds[index])
  );
}

/** Removes a person who is no longer a provider from a service's list; `undefined` if they were not on it. */
export function withoutProvider(
  state: PracticeServiceState,
  userId: string,
): PracticeServiceState | undefined {
  if (!state.providerIds.includes(userId)) return undefined;
  return { ...state, providerIds: state.providerIds.filter((id) => id !== userId) };
}
