// Finding resource files: rule directories, gazetteer directories. One walk
// for every stage, so that every stage loads files in the same stable order.
#ifndef RELATA_BASE_FILES_H_
#define RELATA_BASE_FILES_H_

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "base/status.h"

namespace relata {

// For each of `paths`: a directory is walked recursively (following symbolic
// links to directories) and its regular files that `keep` accepts are added,
// sorted by path so that load order, and so output, is stable; any other path
// is added as it is. A path that does not exist is NotFound, a directory that
// cannot be listed IoError, both naming the path.
StatusOr<std::vector<std::string>> ListFiles(const std::vector<std::string>& paths,
                                             const std::function<bool(const std::filesystem::path&)>& keep);

// Where relata caches what it derives from resource files (gazetteer images,
// rule checks): $RELATA_CACHE_DIR, else $XDG_CACHE_HOME/relata, else
// $HOME/.cache/relata; empty when none can be determined.
std::string DefaultCacheDir();

}  // namespace relata

#endif  // RELATA_BASE_FILES_H_
