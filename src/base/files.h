// Finding resource files: rule directories, gazetteer directories. One walk
// for every stage, so that every stage loads files in the same stable order.
#ifndef RELATA_BASE_FILES_H_
#define RELATA_BASE_FILES_H_

#include <cstdint>
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

// The cache's size cap in bytes: $RELATA_CACHE_MAX_MB megabytes when set to a
// positive number, else 2 GiB.
uint64_t CacheByteLimit();

// Deletes the oldest (by modification time) cached images in `dir` — files
// named like "0123456789abcdef.img", nothing else — until the images left
// total at most `limit` bytes; `keep` (a path in `dir`) is never deleted.
// Failures are ignored: a cache that cannot be trimmed is still a cache.
// Deleting an image another process has mapped is safe on POSIX systems.
void TrimCache(const std::string& dir, const std::string& keep, uint64_t limit);

}  // namespace relata

#endif  // RELATA_BASE_FILES_H_
