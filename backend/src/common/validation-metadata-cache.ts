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
