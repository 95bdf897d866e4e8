// Image files: mapping and checking them, writing them atomically, stamping
// their sources, and the cache that makes `Pipeline::Create` map a compiled
// gazetteer instead of rebuilding it.
#include "gazetteer/image.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unicode/uversion.h>

#include <algorithm>
#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "base/files.h"
#include "gazetteer/image_internal.h"

namespace relata::gazetteer {
namespace fs = std::filesystem;

namespace image {
uint64_t Fnv1a(const void* data, size_t size, uint64_t seed) {
  const auto* p = static_cast<const unsigned char*>(data);
  uint64_t h = seed;
  for (size_t i = 0; i < size; ++i) {
    h ^= p[i];
    h *= 0x100000001b3ull;
  }
  return h;
}

uint64_t HeaderHash(const Header& h) {
  Header zeroed = h;
  zeroed.header_hash = 0;
  const uint32_t sections = std::min<uint32_t>(h.section_count, kSectionCount);
  return Fnv1a(&zeroed, offsetof(Header, sections) + sections * sizeof(SectionRef));
}
}  // namespace image

namespace {

std::string Errno(const std::string& what) { return what + ": " + std::strerror(errno); }

// Maps `path` read-only; the mapping is owned by the returned Gazetteer's Rep.
Status MapFile(const std::string& path, void** map, size_t* size) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IoError(Errno("cannot open " + path));
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return Status::IoError(Errno("cannot stat " + path));
  }
  if (!S_ISREG(st.st_mode) || st.st_size < static_cast<off_t>(image::kHeaderSize)) {
    ::close(fd);
    return Status::DataError(path + ": image is truncated (" + std::to_string(st.st_size) + " bytes)");
  }
  void* m = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (m == MAP_FAILED) return Status::IoError(Errno("cannot map " + path));
  *map = m;
  *size = static_cast<size_t>(st.st_size);
  return Status::Ok();
}

uint64_t TotalSize(const std::vector<SourceStamp>& sources) {
  uint64_t total = 0;
  for (const SourceStamp& s : sources) total += s.size;
  return total;
}

std::string Hex(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof(buf), "%016" PRIx64, v);
  return buf;
}

}  // namespace

// A friend of Gazetteer, so the file functions can reach its Rep.
class ImageAccess {
 public:
  static StatusOr<Gazetteer> Load(const std::string& path, uint64_t expected_hash) {
    Gazetteer g;
    Gazetteer::Rep& rep = *g.rep_;
    RELATA_RETURN_IF_ERROR(MapFile(path, &rep.map, &rep.map_size));
    Status st = rep.Attach(static_cast<const uint8_t*>(rep.map), rep.map_size, expected_hash);
    if (!st.ok()) return st.WithPrefix(path);
    return g;
  }
  static std::string_view Sources(const Gazetteer& g) { return g.rep_->sources; }
};

StatusOr<std::vector<SourceStamp>> StampSources(const std::vector<std::string>& files) {
  std::vector<SourceStamp> out;
  for (const std::string& f : files) {
    std::error_code ec;
    fs::path abs = fs::absolute(f, ec);
    if (ec) return Status::IoError(f + ": " + ec.message());
    struct stat st;
    if (::stat(abs.c_str(), &st) != 0) return Status::IoError(Errno("cannot stat gazetteer file " + f));
    SourceStamp s;
    s.path = abs.lexically_normal().string();
    s.size = static_cast<uint64_t>(st.st_size);
    s.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    out.push_back(std::move(s));
  }
  return out;
}

std::string SourcesText(const std::vector<SourceStamp>& sources) {
  std::string out;
  for (const SourceStamp& s : sources) {
    out += std::to_string(s.size) + "\t" + std::to_string(s.mtime_ns) + "\t" + s.path + "\n";
  }
  return out;
}

std::vector<SourceStamp> ParseSourcesText(std::string_view text) {
  std::vector<SourceStamp> out;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    const size_t t1 = line.find('\t');
    const size_t t2 = t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
    if (t2 == std::string_view::npos) continue;
    SourceStamp s;
    s.size = std::strtoull(std::string(line.substr(0, t1)).c_str(), nullptr, 10);
    s.mtime_ns = std::strtoll(std::string(line.substr(t1 + 1, t2 - t1 - 1)).c_str(), nullptr, 10);
    s.path = std::string(line.substr(t2 + 1));
    out.push_back(std::move(s));
  }
  return out;
}

uint64_t HashSources(const std::vector<SourceStamp>& sources) {
  std::string key = "relata-gazetteer-image v" + std::to_string(image::kVersion) + " icu " U_ICU_VERSION "\n";
  key += SourcesText(sources);
  const uint64_t h = image::Fnv1a(key.data(), key.size());
  return h == 0 ? 1 : h;  // 0 means "any" to LoadImage
}

StatusOr<Gazetteer> LoadImage(const std::string& path, uint64_t expected_hash) {
  return ImageAccess::Load(path, expected_hash);
}

StatusOr<std::vector<SourceStamp>> ReadImageSources(const std::string& path) {
  // Only the header and the source list (which comes first) are read, so an
  // image with a damaged or truncated body still says what to rebuild it from.
  // So does an image of another format version (image.h: the header and the
  // source list keep their place), which is how an image compiled by an older
  // relata is rebuilt in place instead of failing the run.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IoError(Errno("cannot open " + path));
  image::Header h;
  std::memset(&h, 0, sizeof(h));
  const ssize_t n = ::pread(fd, &h, sizeof(h), 0);
  if (n != static_cast<ssize_t>(sizeof(h)) || std::memcmp(h.magic, image::kMagic, sizeof(image::kMagic)) != 0 ||
      h.byte_order != image::kByteOrderMark || h.section_count < image::kFirstSectionCount ||
      h.section_count > image::kSectionCount || image::HeaderHash(h) != h.header_hash ||
      h.sections[image::kSources].size > (64u << 20)) {
    ::close(fd);
    return Status::DataError(path + ": not a readable relata gazetteer image (damaged or another version); "
                                    "compile it again with relata compile");
  }
  std::string text(h.sections[image::kSources].size, '\0');
  const ssize_t got = text.empty() ? 0 : ::pread(fd, text.data(), text.size(), static_cast<off_t>(h.sections[image::kSources].offset));
  ::close(fd);
  if (got != static_cast<ssize_t>(text.size())) {
    return Status::DataError(path + ": image is truncated before its source list; compile it again");
  }
  return ParseSourcesText(text);
}

namespace {

// Writes `path` through `fill(write_all)` into a temporary file beside it,
// renamed over `path` at the end: a reader (another process sharing the cache)
// sees the old image or the new one, never half of one.
template <typename Fill>
Status WriteAtomically(const std::string& path, Fill fill) {
  std::error_code ec;
  const fs::path parent = fs::path(path).parent_path();
  if (!parent.empty()) fs::create_directories(parent, ec);
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IoError(Errno("cannot write " + tmp));
  auto write_all = [fd](const void* data, size_t size) {
    const char* p = static_cast<const char*>(data);
    size_t done = 0;
    while (done < size) {
      const ssize_t n = ::write(fd, p + done, size - done);
      if (n < 0) {
        if (errno == EINTR) continue;
        return false;
      }
      done += static_cast<size_t>(n);
    }
    return true;
  };
  Status st = fill(write_all);
  if (!st.ok()) {
    ::close(fd);
    ::unlink(tmp.c_str());
    return st;
  }
  if (::close(fd) != 0 || ::rename(tmp.c_str(), path.c_str()) != 0) {
    Status st = Status::IoError(Errno("cannot write " + path));
    ::unlink(tmp.c_str());
    return st;
  }
  return Status::Ok();
}

}  // namespace

Status WriteImage(const Gazetteer& g, const std::string& path) {
  const std::string_view bytes = g.image_bytes();
  if (bytes.empty()) return Status::InvalidArgument("gazetteer has no image to write");
  return WriteAtomically(path, [&](auto write_all) {
    return write_all(bytes.data(), bytes.size()) ? Status::Ok() : Status::IoError(Errno("cannot write " + path));
  });
}

Status GazetteerBuilder::BuildToFile(const text::Normalizer& normalizer, uint64_t source_hash,
                                     std::string_view sources, const std::string& path) {
  // The file is opened first: when it cannot be, the builder is left as it
  // was (an IoError), and the caller may still Build() in memory.
  return WriteAtomically(path, [&](auto write_all) {
    image::ImageWriter w;
    RELATA_RETURN_IF_ERROR(Layout(normalizer, sources, /*consume=*/true, &w));
    if (!w.WriteFile(source_hash, write_all)) return Status::IoError(Errno("cannot write " + path));
    return Status::Ok();
  });
}

namespace {

StatusOr<Gazetteer> BuildFrom(const std::vector<std::string>& files, const std::vector<SourceStamp>& stamps,
                              uint64_t hash, const text::Normalizer& folder) {
  GazetteerBuilder builder;
  for (const std::string& f : files) RELATA_RETURN_IF_ERROR(builder.AddFile(f));
  return builder.Build(folder, hash, SourcesText(stamps));
}

// Builds the image of `files` straight into the file `path` (no second copy in
// memory) and maps it. When the file cannot be written the gazetteer is built
// in memory instead and `*written` says why.
StatusOr<Gazetteer> BuildToFileFrom(const std::vector<std::string>& files, const std::vector<SourceStamp>& stamps,
                                    uint64_t hash, const text::Normalizer& folder, const std::string& path,
                                    Status* written) {
  GazetteerBuilder builder;
  for (const std::string& f : files) RELATA_RETURN_IF_ERROR(builder.AddFile(f));
  const size_t count = builder.size();
  const std::string sources = SourcesText(stamps);
  *written = builder.BuildToFile(folder, hash, sources, path);
  if (written->ok()) {
    StatusOr<Gazetteer> mapped = LoadImage(path, hash);
    if (mapped.ok()) return mapped;
    *written = mapped.status();
  } else if (written->code() != Status::Code::kIoError) {
    return *written;  // the sources are at fault, not the file
  }
  // Not written (or not readable back): the builder still has its entries
  // when the file could not even be opened, else they are read again.
  if (builder.size() == count) return builder.Build(folder, hash, sources);
  return BuildFrom(files, stamps, hash, folder);
}

}  // namespace

StatusOr<std::vector<std::string>> CollectSources(const std::vector<std::string>& paths) {
  return ListFiles(paths, [](const fs::path& f) { return f.extension() == ".tsv" || f.extension() == ".jsonl"; });
}

bool IsImagePath(const std::string& path) {
  return path.size() >= 4 && path.compare(path.size() - 4, 4, ".img") == 0;
}

StatusOr<Gazetteer> LoadOrBuild(const std::vector<std::string>& files, const text::Normalizer& folder,
                                const LoadOptions& options, std::vector<std::string>* warnings) {
  StatusOr<std::vector<SourceStamp>> stamps = StampSources(files);
  if (!stamps.ok()) {
    std::error_code ec;
    if (!options.image_path.empty() && fs::exists(options.image_path, ec)) {
      StatusOr<Gazetteer> as_is = LoadImage(options.image_path, 0);
      if (as_is.ok()) {
        if (warnings != nullptr) {
          warnings->push_back(options.image_path + ": " + stamps.status().message() +
                              "; using the image as it is");
        }
        return as_is;
      }
    }
    return stamps.status();
  }
  const uint64_t hash = HashSources(*stamps);
  std::string path = options.image_path;
  if (path.empty() && TotalSize(*stamps) >= options.min_cached_bytes) {
    const std::string dir = DefaultCacheDir();
    if (!dir.empty()) path = dir + "/" + Hex(hash) + ".img";
  }
  if (path.empty()) return BuildFrom(files, *stamps, hash, folder);

  const bool cached = options.image_path.empty();
  std::error_code ec;
  if (fs::exists(path, ec)) {
    StatusOr<Gazetteer> mapped = LoadImage(path, hash);
    if (mapped.ok()) {
      // Marks the image as recently used, so that trimming the cache
      // deletes images no run has needed for the longest time.
      if (cached) fs::last_write_time(path, fs::file_time_type::clock::now(), ec);
      return mapped;
    }
    // A source changed since the image was made: rebuild without a fuss. Any
    // other failure means the file is damaged or foreign: say so, then rebuild.
    if (mapped.status().message().find("other sources") == std::string::npos && warnings != nullptr) {
      warnings->push_back(mapped.status().message() + "; rebuilding it");
    }
  }
  Status written;
  StatusOr<Gazetteer> built = BuildToFileFrom(files, *stamps, hash, folder, path, &written);
  if (!built.ok()) return built;
  if (!written.ok() && warnings != nullptr) {
    warnings->push_back("gazetteer image not saved (" + written.message() + "); it is rebuilt on every start");
  }
  if (written.ok() && cached) TrimCache(fs::path(path).parent_path().string(), path, CacheByteLimit());
  return built;
}

Status CompileImage(const std::vector<std::string>& files, const text::Normalizer& folder,
                    const std::string& out_path, GazetteerStats* stats) {
  StatusOr<std::vector<SourceStamp>> stamps = StampSources(files);
  if (!stamps.ok()) return stamps.status();
  GazetteerBuilder builder;
  for (const std::string& f : files) RELATA_RETURN_IF_ERROR(builder.AddFile(f));
  RELATA_RETURN_IF_ERROR(builder.BuildToFile(folder, HashSources(*stamps), SourcesText(*stamps), out_path));
  if (stats != nullptr) {
    StatusOr<Gazetteer> mapped = LoadImage(out_path, 0);
    if (!mapped.ok()) return mapped.status();
    *stats = mapped->Stats();
  }
  return Status::Ok();
}

}  // namespace relata::gazetteer
