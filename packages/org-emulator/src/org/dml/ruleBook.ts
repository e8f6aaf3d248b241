/** The complete rule book of an org: every object's save rules in one map. */
import { assignmentRules, type UsernameRegistry } from './assignmentRules';
import { grantRules } from './grantRules';
import { permissionSetRules } from './permissionSetRules';
import type { RuleBook } from './rules';

/** All save rules; `usernameTaken` lets User rules check the other orgs of the world. */
export function createRuleBook(usernameTaken: UsernameRegistry): RuleBook {
  return { ...permissionSetRules, ...grantRules, ...assignmentRules(usernameTaken) };
}
