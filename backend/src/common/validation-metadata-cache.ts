import type { MetadataStorage as TransformStorage } from 'class-transformer/types/MetadataStorage';
import { getMetadataStorage } from 'class-validator';

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
type Rules = ReturnType<MetadataStorage['getTargetValidationMetadatas']>;
type RulesByProperty = ReturnType<MetadataStorage['groupByPropertyName']>;

const cached = new WeakSet<MetadataStorage>();

/**
 * class-validator looks up a class's rules anew on every validation, testing every decorated class
 * of the application for inheritance, then groups them by property (typestack/class-validator#2686);
 * every request validates its body or query this way. A class's rules, its own and inherited, are
 * all registered when its module is loaded, before anything can be validated against it, and never
 * change after: both answers are kept, per class and arguments, from the first validation on.
 */
export function cacheValidationMetadata(storage: MetadataStorage = getMetadataStorage()): void {
  if (cached.has(storage)) return;
  cached.add(storage);
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  const rulesOf = new WeakMap<object, Map<string, Rules>>();
  const grouped = new WeakMap<Rules, RulesByProperty>();
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    // No groups and an empty list select the same rules.
    const key = groups?.length ? JSON.stringify([schema, always, strictGroups, groups]) : `${schema}\0${always}\0${strictGroups}`;
    let byArguments = rulesOf.get(target);
    if (!byArguments) rulesOf.set(target, (byArguments = new Map<string, Rules>()));
    let rules = byArguments.get(key);
    if (!rules) byArguments.set(key, (rules = lookup(target, schema, always, strictGroups, groups)));
    return rules;
  };
  storage.groupByPropertyName = (rules) => {
    let byProperty = grouped.get(rules);
    if (!byProperty) grouped.set(rules, (byProperty = group(rules)));
    return byProperty;
  };
}

type Target = Parameters<TransformStorage['findTransformMetadatas']>[0];
type TransformationType = Parameters<TransformStorage['findTransformMetadatas']>[2];
type Transforms = ReturnType<TransformStorage['findTransformMetadatas']>;

/** class-transformer's storage of its decorators' metadata: its index does not export it. */
function transformStorage(): TransformStorage {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('class-transformer/cjs/storage') as { defaultMetadataStorage: TransformStorage }).defaultMetadataStorage;
}

const transformCached = new WeakSet<TransformStorage>();

/** The answers kept for `target` under one kind of transformation. */
function answersOf<Answer>(byType: Map<TransformationType, WeakMap<Target, Map<string, Answer>>>, type: TransformationType, target: Target): Map<string, Answer> {
  let byTarget = byType.get(type);
  if (!byTarget) byType.set(type, (byTarget = new WeakMap<Target, Map<string, Answer>>()));
  let answers = byTarget.get(target);
  if (!answers) byTarget.set(target, (answers = new Map<string, Answer>()));
  return answers;
}

/**
 * class-transformer, building the DTO a request is validated as, likewise asks its storage anew
 * for every key of the input which transforms apply, and for every object which properties are
 * exposed and excluded, filtering fresh arrays out of the decorators' lists each time. Those lists
 * too are complete once the class is loaded: the answers are kept, per class, kind of
 * transformation and property, from the first transformation on. Its callers only read them.
 */
export function cacheTransformMetadata(storage: TransformStorage = transformStorage()): void {
  if (transformCached.has(storage)) return;
  transformCached.add(storage);
  const findTransforms = storage.findTransformMetadatas.bind(storage);
  const exposedOf = storage.getExposedProperties.bind(storage);
  const excludedOf = storage.getExcludedProperties.bind(storage);
  const transforms = new Map<TransformationType, WeakMap<Target, Map<string, Transforms>>>();
  const properties = new Map<TransformationType, WeakMap<Target, Map<string, string[]>>>();
  // A nested plain object of the input has no class: class-transformer asks its lookups with no
  // target, whatever its types say. That cannot key a WeakMap, and there is nothing to keep.
  storage.findTransformMetadatas = (target: Target | undefined, propertyName: string, type: TransformationType) => {
    if (!target) return findTransforms(target as unknown as Target, propertyName, type);
    const answers = answersOf(transforms, type, target);
    let found = answers.get(propertyName);
    if (!found) answers.set(propertyName, (found = findTransforms(target, propertyName, type)));
    return found;
  };
  const kept = (key: 'exposed' | 'excluded', list: typeof exposedOf): typeof exposedOf => (target: Target | undefined, type: TransformationType) => {
    if (!target) return list(target as unknown as Target, type);
    const answers = answersOf(properties, type, target);
    let found = answers.get(key);
    if (!found) answers.set(key, (found = list(target, type)));
    return found;
  };
  storage.getExposedProperties = kept('exposed', exposedOf);
  storage.getExcludedProperties = kept('excluded', excludedOf);
}
