// The rule stamp: a small file under DefaultCacheDir() whose presence says
// "these exact rule files, with these limits, this RE2 library and this
// relata build, passed every load-time check". With it, a load compiles no
// pattern: each is compiled when first needed (see LazyRegex in
// rule_set_internal.h), which is most of start-up saved. Without it (new or
// edited rules, another RE2 or relata, no cache dir), the load compiles and
// checks everything as before and writes the stamp when no error was found.
#ifndef RELATA_RULES_RULE_STAMP_H_
#define RELATA_RULES_RULE_STAMP_H_

#include <string>
#include <utility>
#include <vector>

#include "rules/rule_set.h"

namespace relata::rules::internal {

// The stamp's name for the rule files (name, bytes) in load order and the
// options that change what compiles; empty when there is no cache dir.
std::string RuleStampPath(const std::vector<std::pair<std::string, std::string>>& files, const LoadOptions& options);

// Whether the stamp exists. An unreadable one counts as absent.
bool HasRuleStamp(const std::string& path);

// Writes the stamp (creating the cache dir); any failure is silent: the next
// load checks the rules again.
void WriteRuleStamp(const std::string& path);

}  // namespace relata::rules::internal

#endif  // RELATA_RULES_RULE_STAMP_H_
