// Reading gazetteer sources (TSV and JSONL) into Entry values, with errors that
// name file:line. Nothing here throws: nlohmann's exceptions stop at this file.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <functional>
#include <fstream>
#include <limits>
#include <sstream>
#include <utility>

#include "gazetteer/gazetteer.h"
#include "gazetteer/image.h"
#include "gazetteer/image_internal.h"

namespace relata::gazetteer {
namespace {

using Json = nlohmann::json;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool HasSpace(std::string_view s) {
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') return true;
  }
  return false;
}

// Well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF):
// the normalizer requires it and every surface goes through the normalizer.
bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char b = static_cast<unsigned char>(s[i]);
    size_t n;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b < 0x80) { ++i; continue; }
    if (b >= 0xC2 && b <= 0xDF) n = 2;
    else if (b >= 0xE0 && b <= 0xEF) { n = 3; if (b == 0xE0) lo = 0xA0; if (b == 0xED) hi = 0x9F; }
    else if (b >= 0xF0 && b <= 0xF4) { n = 4; if (b == 0xF0) lo = 0x90; if (b == 0xF4) hi = 0x8F; }
    else return false;
    if (i + n > s.size()) return false;
    const unsigned char b1 = static_cast<unsigned char>(s[i + 1]);
    if (b1 < lo || b1 > hi) return false;
    for (size_t k = 2; k < n; ++k) {
      const unsigned char bk = static_cast<unsigned char>(s[i + k]);
      if (bk < 0x80 || bk > 0xBF) return false;
    }
    i += n;
  }
  return true;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  size_t pos = 0;
  while (true) {
    const size_t next = s.find(sep, pos);
    if (next == std::string_view::npos) {
      parts.push_back(s.substr(pos));
      return parts;
    }
    parts.push_back(s.substr(pos, next - pos));
    pos = next + 1;
  }
}

bool ParseInt(std::string_view s, int* out) {
  if (s.empty()) return false;
  size_t i = 0;
  bool negative = false;
  if (s[0] == '-' || s[0] == '+') {
    negative = s[0] == '-';
    i = 1;
  }
  if (i == s.size()) return false;
  long long value = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    value = value * 10 + (s[i] - '0');
    if (value > std::numeric_limits<int>::max()) return false;
  }
  *out = static_cast<int>(negative ? -value : value);
  return true;
}

// One TSV line: id, type, name, aliases (a|b), attributes (k=v;k=v), ignored rest.
Status ParseTsvLine(std::string_view line, const std::string& where, Entry* entry) {
  const std::vector<std::string_view> cols = Split(line, '\t');
  if (cols.size() < 3) {
    return Status::DataError(where + "expected at least 3 tab-separated columns (id, type, name), found " +
                             std::to_string(cols.size()));
  }
  entry->id = std::string(Trim(cols[0]));
  entry->type = Lower(Trim(cols[1]));
  entry->name = std::string(Trim(cols[2]));
  if (cols.size() > 3) {
    for (std::string_view alias : Split(cols[3], '|')) {
      alias = Trim(alias);
      if (!alias.empty()) entry->aliases.emplace_back(alias);
    }
  }
  if (cols.size() > 4) {
    for (std::string_view pair : Split(cols[4], ';')) {
      pair = Trim(pair);
      if (pair.empty()) continue;
      const size_t eq = pair.find('=');
      if (eq == std::string_view::npos) {
        return Status::DataError(where + "attribute '" + std::string(pair) + "' is not key=value");
      }
      const std::string key(Trim(pair.substr(0, eq)));
      const std::string value(Trim(pair.substr(eq + 1)));
      if (key.empty()) return Status::DataError(where + "attribute '" + std::string(pair) + "' has an empty key");
      // TSV has no priority column; the attribute column carries it.
      if (key == "priority") {
        if (!ParseInt(value, &entry->priority)) {
          return Status::DataError(where + "priority '" + value + "' is not an integer");
        }
        continue;
      }
      if (!entry->attributes.emplace(key, value).second) {
        return Status::DataError(where + "attribute '" + key + "' given twice");
      }
    }
  }
  return Status::Ok();
}

// A JSON scalar as attribute text: strings as they are, numbers and booleans as
// JSON writes them. Returns false for arrays and objects.
bool ScalarText(const Json& v, std::string* out) {
  if (v.is_string()) {
    *out = v.get<std::string>();
    return true;
  }
  if (v.is_number() || v.is_boolean()) {
    *out = v.dump();
    return true;
  }
  return false;
}

Status ReadStringMap(const Json& obj, const char* field, const std::string& where,
                     std::map<std::string, std::string>* out) {
  if (obj.is_null()) return Status::Ok();
  if (!obj.is_object()) return Status::DataError(where + "'" + field + "' must be an object");
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    if (it.value().is_null()) continue;
    std::string value;
    if (!ScalarText(it.value(), &value)) {
      return Status::DataError(where + "'" + field + "." + it.key() + "' must be a string, number or boolean");
    }
    (*out)[it.key()] = std::move(value);
  }
  return Status::Ok();
}

Status ReadString(const Json& obj, const char* field, bool required, const std::string& where, std::string* out) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) {
    return required ? Status::DataError(where + "missing field '" + field + "'") : Status::Ok();
  }
  if (!it->is_string()) return Status::DataError(where + "'" + field + "' must be a string");
  *out = it->get<std::string>();
  return Status::Ok();
}

Status ParseJsonLine(std::string_view line, const std::string& where, Entry* entry) {
  Json obj;
  try {
    obj = Json::parse(line.begin(), line.end());
  } catch (const Json::parse_error& e) {
    return Status::DataError(where + "invalid JSON: " + e.what());
  }
  if (!obj.is_object()) return Status::DataError(where + "expected a JSON object");
  RELATA_RETURN_IF_ERROR(ReadString(obj, "id", true, where, &entry->id));
  RELATA_RETURN_IF_ERROR(ReadString(obj, "type", true, where, &entry->type));
  RELATA_RETURN_IF_ERROR(ReadString(obj, "name", true, where, &entry->name));
  RELATA_RETURN_IF_ERROR(ReadString(obj, "lang", false, where, &entry->lang));
  entry->id = std::string(Trim(entry->id));
  entry->type = Lower(Trim(entry->type));
  entry->name = std::string(Trim(entry->name));
  if (auto it = obj.find("aliases"); it != obj.end() && !it->is_null()) {
    if (!it->is_array()) return Status::DataError(where + "'aliases' must be an array of strings");
    for (const Json& a : *it) {
      if (!a.is_string()) return Status::DataError(where + "'aliases' must be an array of strings");
      std::string_view alias = Trim(a.get_ref<const std::string&>());
      if (!alias.empty()) entry->aliases.emplace_back(alias);
    }
  }
  if (auto it = obj.find("external_ids"); it != obj.end()) {
    RELATA_RETURN_IF_ERROR(ReadStringMap(*it, "external_ids", where, &entry->external_ids));
  }
  if (auto it = obj.find("attributes"); it != obj.end()) {
    RELATA_RETURN_IF_ERROR(ReadStringMap(*it, "attributes", where, &entry->attributes));
  }
  if (auto it = obj.find("priority"); it != obj.end() && !it->is_null()) {
    if (!it->is_number_integer()) return Status::DataError(where + "'priority' must be an integer");
    const bool fits = it->is_number_unsigned()
                          ? it->get<uint64_t>() <= static_cast<uint64_t>(std::numeric_limits<int>::max())
                          : it->get<int64_t>() >= std::numeric_limits<int>::min() &&
                                it->get<int64_t>() <= std::numeric_limits<int>::max();
    if (!fits) return Status::DataError(where + "'priority' is out of range");
    entry->priority = static_cast<int>(it->get<int64_t>());
  }
  return Status::Ok();
}

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && std::string_view(s).substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

Status GazetteerBuilder::AddFile(const std::string& path) {
  bool jsonl;
  if (EndsWith(path, ".tsv")) {
    jsonl = false;
  } else if (EndsWith(path, ".jsonl") || EndsWith(path, ".ndjson")) {
    jsonl = true;
  } else {
    return Status::InvalidArgument(path + ": unknown gazetteer format (expected a .tsv or .jsonl file)");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot open gazetteer file " + path);
  // Read in one piece (no stringstream copy): sources run to tens of MB.
  std::string content;
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  in.seekg(0, std::ios::beg);
  if (size > 0) {
    content.resize(static_cast<size_t>(size));
    in.read(content.data(), size);
    content.resize(static_cast<size_t>(in.gcount()));
  }
  if (in.bad()) return Status::IoError("cannot read gazetteer file " + path);
  return AddText(content, path, jsonl);
}

Status GazetteerBuilder::AddText(std::string_view content, const std::string& file_name, bool jsonl) {
  // All or nothing: a file with an error adds no entries, so a caller that
  // reports the error and goes on does not keep half a file.
  const size_t entries_before = staged_.size();
  auto fail = [&](Status status) {
    Truncate(entries_before);
    return status;
  };
  try {
    if (content.size() >= 3 && content.substr(0, 3) == "\xEF\xBB\xBF") content.remove_prefix(3);
    // One entry per line at most: reserving up front keeps a million-entry
    // file from doubling (copying) the arena and the tables. A staged record
    // is its strings plus ~60 bytes; what is reserved and never written costs
    // address space, not memory.
    const size_t lines = static_cast<size_t>(std::count(content.begin(), content.end(), '\n')) + 1;
    staged_.reserve(staged_.size() + lines);
    arena_.reserve(arena_.size() + content.size() + content.size() / 2 + lines * 64);
    ReserveIds(staged_.size() + lines);
    size_t line_no = 0;
    size_t pos = 0;
    bool seen_data = false;
    while (pos < content.size()) {
      size_t nl = content.find('\n', pos);
      if (nl == std::string_view::npos) nl = content.size();
      std::string_view line = content.substr(pos, nl - pos);
      pos = nl + 1;
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      const std::string_view trimmed = Trim(line);
      if (trimmed.empty() || trimmed.front() == '#') continue;

      const std::string origin = file_name + ":" + std::to_string(line_no);
      const std::string where = origin + ": ";
      if (!IsValidUtf8(line)) return fail(Status::DataError(where + "invalid UTF-8"));
      Entry entry;
      entry.origin = origin;
      if (jsonl) {
        Status st = ParseJsonLine(trimmed, where, &entry);
        if (!st.ok()) return fail(st);
      } else {
        // A first line naming the columns is a header, not an entry.
        if (!seen_data && Trim(line.substr(0, line.find('\t'))) == "id") {
          seen_data = true;
          continue;
        }
        Status st = ParseTsvLine(line, where, &entry);
        if (!st.ok()) return fail(st);
      }
      seen_data = true;
      Status st = Add(std::move(entry));
      if (!st.ok()) return fail(st);
    }
  } catch (const std::exception& e) {
    // Defensive: the JSON accessors above check types first, so this is only
    // reached on allocation failure or a library surprise.
    return fail(Status::Internal(file_name + ": " + e.what()));
  }
  return Status::Ok();
}

namespace {
// A slot holds an entry index and 32 bits of its id's hash, so probing rarely
// reads an id from the arena (a cache miss at a million entries).
constexpr uint64_t kEmptySlot = ~uint64_t{0};
uint64_t IdHash(std::string_view id) { return std::hash<std::string_view>()(id); }
uint64_t SlotOf(uint64_t hash, uint32_t index) { return (hash >> 32 << 32) | index; }
}  // namespace

Status GazetteerBuilder::Add(Entry entry) {
  // Only errors need it: not built for every entry.
  auto where = [&entry] { return entry.origin.empty() ? std::string() : entry.origin + ": "; };
  entry.type = Lower(entry.type);
  if (entry.id.empty()) return Status::DataError(where() + "empty id");
  if (HasSpace(entry.id)) return Status::DataError(where() + "id '" + entry.id + "' contains white space");
  if (entry.type.empty()) return Status::DataError(where() + "empty type for id '" + entry.id + "'");
  if (Trim(entry.name).empty()) return Status::DataError(where() + "empty name for id '" + entry.id + "'");
  if (!IsValidUtf8(entry.id) || !IsValidUtf8(entry.name)) return Status::DataError(where() + "invalid UTF-8");
  for (const std::string& alias : entry.aliases) {
    if (!IsValidUtf8(alias)) return Status::DataError(where() + "invalid UTF-8 in an alias");
  }
  if (staged_.size() + 1 >= image::kNoNode) return Status::ResourceExhausted("too many gazetteer entries");
  ReserveIds(staged_.size() + 1);
  const size_t slot = IdSlot(entry.id);
  if (id_slots_[slot] != kEmptySlot) {
    return Status::DataError(where() + "duplicate id '" + entry.id + "' (first defined at " +
                             OriginOf(static_cast<uint32_t>(id_slots_[slot])) + ")");
  }
  id_slots_[slot] = SlotOf(IdHash(entry.id), static_cast<uint32_t>(staged_.size()));

  staging::Head head{entry.priority, image::kNoNode, 0, static_cast<uint32_t>(entry.aliases.size()),
                     static_cast<uint32_t>(entry.attributes.size()), static_cast<uint32_t>(entry.external_ids.size())};
  // "file:line" is kept as the file (shared by all its entries) and a number,
  // as the image stores it: at a million entries the strings add up.
  std::string_view origin = entry.origin;
  const size_t colon = origin.rfind(':');
  bool split = colon != std::string_view::npos && colon + 1 < origin.size() && origin.size() - colon <= 10 &&
               origin[colon + 1] != '0';
  for (size_t k = colon + 1; split && k < origin.size(); ++k) split = origin[k] >= '0' && origin[k] <= '9';
  if (split) {
    const std::string_view file = origin.substr(0, colon);
    uint32_t line = 0;
    for (size_t k = colon + 1; k < origin.size(); ++k) line = line * 10 + static_cast<uint32_t>(origin[k] - '0');
    // Consecutive entries nearly always come from the same file.
    if (!origin_files_.empty() && origin_files_.back() == file) {
      head.origin_file = static_cast<uint32_t>(origin_files_.size() - 1);
    } else {
      auto [at, added] = origin_file_index_.emplace(std::string(file), static_cast<uint32_t>(origin_files_.size()));
      if (added) origin_files_.emplace_back(file);
      head.origin_file = at->second;
    }
    head.origin_line = line;
    origin = {};
  }
  staged_.push_back(arena_.size());
  arena_.append(reinterpret_cast<const char*>(&head), sizeof(head));
  staging::Put(&arena_, entry.id);
  staging::Put(&arena_, entry.type);
  staging::Put(&arena_, entry.name);
  staging::Put(&arena_, entry.lang);
  staging::Put(&arena_, origin);
  for (const std::string& a : entry.aliases) staging::Put(&arena_, a);
  for (const auto& [k, v] : entry.attributes) {
    staging::Put(&arena_, k);
    staging::Put(&arena_, v);
  }
  for (const auto& [k, v] : entry.external_ids) {
    staging::Put(&arena_, k);
    staging::Put(&arena_, v);
  }
  return Status::Ok();
}

std::string_view GazetteerBuilder::IdAt(uint32_t index) const {
  return staging::Reader(arena_.data() + staged_[index]).Next();
}

size_t GazetteerBuilder::IdSlot(std::string_view id) const {
  const size_t mask = id_slots_.size() - 1;
  const uint64_t h = IdHash(id);
  size_t slot = h & mask;
  while (id_slots_[slot] != kEmptySlot &&
         ((id_slots_[slot] >> 32) != (h >> 32) || IdAt(static_cast<uint32_t>(id_slots_[slot])) != id)) {
    slot = (slot + 1) & mask;
  }
  return slot;
}

void GazetteerBuilder::SetIdSlot(std::string_view id, uint32_t index) {
  id_slots_[IdSlot(id)] = SlotOf(IdHash(id), index);
}

void GazetteerBuilder::ReserveIds(size_t count) {
  if (2 * count <= id_slots_.size()) return;
  size_t size = 16;
  while (size < 2 * count) size *= 2;
  id_slots_.assign(size, kEmptySlot);
  for (uint32_t i = 0; i < staged_.size(); ++i) SetIdSlot(IdAt(i), i);
}

void GazetteerBuilder::Truncate(size_t count) {
  if (count >= staged_.size()) return;
  arena_.resize(staged_[count]);
  staged_.resize(count);
  std::fill(id_slots_.begin(), id_slots_.end(), kEmptySlot);
  for (uint32_t i = 0; i < staged_.size(); ++i) SetIdSlot(IdAt(i), i);
}

std::string GazetteerBuilder::OriginText(uint32_t index) const {
  staging::Reader r(arena_.data() + staged_[index]);
  if (r.head.origin_file != image::kNoNode) {
    return origin_files_[r.head.origin_file] + ":" + std::to_string(r.head.origin_line);
  }
  for (int k = 0; k < 4; ++k) r.Next();
  return std::string(r.Next());
}

std::string GazetteerBuilder::OriginOf(uint32_t index) const {
  std::string origin = OriginText(index);
  return origin.empty() ? "(added in code)" : origin;
}

}  // namespace relata::gazetteer
