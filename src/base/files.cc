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

uint64_t CacheByteLimit() {
  if (const char* v = std::getenv("RELATA_CACHE_MAX_MB"); v != nullptr) {
    char* end = nullptr;
    const unsigned long long mb = std::strtoull(v, &end, 10);
    if (end != v && *end == '\0' && mb > 0 && mb < (uint64_t{1} << 40)) return mb << 20;
  }
  return uint64_t{2} << 30;
}

namespace {

bool IsCachedImageName(const std::string& name) {
  if (name.size() != 16 + 4 || name.compare(16, 4, ".img") != 0) return false;
  return std::all_of(name.begin(), name.begin() + 16,
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

void TrimCache(const std::string& dir, const std::string& keep, uint64_t limit) {
  struct Image {
    fs::file_time_type mtime;
    uint64_t size;
    fs::path path;
  };
  std::vector<Image> images;
  uint64_t total = 0;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code e;
    if (!IsCachedImageName(it->path().filename().string()) || !it->is_regular_file(e)) continue;
    const uint64_t size = it->file_size(e);
    if (e) continue;
    const fs::file_time_type mtime = it->last_write_time(e);
    if (e) continue;
    total += size;
    if (!fs::equivalent(it->path(), keep, e)) images.push_back({mtime, size, it->path()});
  }
  std::sort(images.begin(), images.end(), [](const Image& a, const Image& b) { return a.mtime < b.mtime; });
  for (const Image& image : images) {
    if (total <= limit) break;
    std::error_code e;
    if (fs::remove(image.path, e)) total -= image.size;
  }
}

}  // namespace relata
