import type { MetadataStorage } from 'class-validator';

type TargetMetadatas = ReturnType<MetadataStorage['getTargetValidationMetadatas']>;
type GroupedMetadatas = ReturnType<MetadataStorage['groupByPropertyName']>;

const CACHED = Symbol('cachedValidationMetadata');

/**
 * class-validator looks up a class's constraints on every `validate()` by scanning the constraints of every decorated
 * class for its ancestors (`getTargetValidationMetadatas`) and grouping them by property: a sixth of a small request's
 * validation. The answer depends only on the class and the options, so it is kept per class, and forgotten whenever
 * a constraint is registered (decorators run at import; a class defined later is seen). The cached arrays and groups
 * are only read by class-validator's executor. Installing it twice on one storage is a no-op.
 */
export function cacheValidationMetadata(storage: MetadataStorage): void {
  const marked = storage as MetadataStorage & { [CACHED]?: true };
  if (marked[CACHED]) return;
  marked[CACHED] = true;

  let targets = new Map<unknown, Map<string, TargetMetadatas>>();
  let groups = new WeakMap<TargetMetadatas, GroupedMetadatas>();
  const forget = (): void => {
    targets = new Map();
    groups = new WeakMap();
  };

  const findTargets = storage.getTargetValidationMetadatas.bind(storage);
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groupNames) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groupNames?.join('\u0000') ?? ''}`;
    let byOptions = targets.get(target);
    if (!byOptions) targets.set(target, (byOptions = new Map()));
    let found = byOptions.get(key);
    if (!found) byOptions.set(key, (found = findTargets(target, schema, always, strictGroups, groupNames)));
    return found;
  };

  const groupByProperty = storage.groupByPropertyName.bind(storage);
  storage.groupByPropertyName = (metadatas) => {
    let grouped = groups.get(metadatas);
    if (!grouped) groups.set(metadatas, (grouped = groupByProperty(metadatas)));
    return grouped;
  };

  const addValidation = storage.addValidationMetadata.bind(storage);
  storage.addValidationMetadata = (metadata) => {
    forget();
    addValidation(metadata);
  };
}
