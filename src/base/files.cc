#include "base/files.h"

#include <algorithm>
#include <cstdlib>

namespace relata {
namespace fs = std::filesystem;

StatusOr<std::vector<std::string>> ListFiles(const std::vector<std::string>& paths,
                                             const std::function<bool(const fs::path&)>& keep) {
  std::vector<std::string> out;
  for (const std::string& p : paths) {
    std::error_code ec;
    const fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) return Status::NotFound(p + ": no such file or directory");
    if (!fs::is_directory(st)) {
      out.push_back(p);
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(p, fs::directory_options::follow_directory_symlink, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      std::error_code fec;
      if (it->is_regular_file(fec) && keep(it->path())) found.push_back(it->path().string());
    }
    if (ec) return Status::IoError(p + ": cannot list directory: " + ec.message());
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

std::string DefaultCacheDir() {
  if (const char* d = std::getenv("RELATA_CACHE_DIR"); d != nullptr && *d != '\0') return d;
  if (const char* d = std::getenv("XDG_CACHE_HOME"); d != nullptr && *d == '/') return std::string(d) + "/relata";
  if (const char* d = std::getenv("HOME"); d != nullptr && *d == '/') return std::string(d) + "/.cache/relata";
  return "";
}

}  // namespace relata
