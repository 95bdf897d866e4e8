// FactGraph: what relata writes down about one document — entities (nodes) with
// every mention, and relations (edges) with their evidence — and its JSON form,
// JSON Graph Format v2 (docs/output.md, schema in docs/graph.schema.json).
//
// Every offset here is already in the three public units, into the ORIGINAL
// input: `start`/`end` code points (Python text[start:end]), `byte_start`/
// `byte_end` UTF-8 bytes, `utf16_start`/`utf16_end` UTF-16 code units.
//
// Identity and determinism:
//   * Node ids are the entity's canonical id (gazetteer) or "<type>:<label>".
//   * An edge id is "e" + 16 hex digits of a 64-bit FNV-1a hash of
//     relation \x1f source \x1f target (for symmetric relations source/target
//     sorted first), so an editor's decision on an edge survives reruns.
//   * The same (relation, source, target) added twice is one edge with two
//     pieces of evidence (evidence equal in every field is kept once).
//   * Symmetric edges (directed == false) are stored with source <= target
//     (byte order), whichever way round the fact was found.
//   * Nodes are written sorted by id, edges by id, mentions by (start, end),
//     evidence by match offset. The model keeps insertion order; the writer
//     sorts at write time (without mutating), with every remaining field as a
//     tie-break, so the same input, resources and version give byte-identical
//     output whatever order facts were added in.
#ifndef RELATA_GRAPH_FACT_GRAPH_H_
#define RELATA_GRAPH_FACT_GRAPH_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace relata::graph {

struct Offsets {
  size_t start = 0, end = 0;            // code points
  size_t byte_start = 0, byte_end = 0;  // UTF-8 bytes of the input
  size_t utf16_start = 0, utf16_end = 0;
};

struct AlternativeRecord {
  std::string type;
  std::string text;
  Offsets offsets;
  std::string source;     // "gazetteer:<entry id>" or "rule:<rule id>"
  std::string reason;     // why it lost
};

struct MentionRecord {
  std::string doc;
  size_t sentence = 0;
  Offsets offsets;
  std::string text;        // exactly the original text[start:end]
  std::string source;      // "gazetteer:<entry id>", "rule:<rule id>", "resolution:<how>"
  std::string particle;    // Korean particle chain after the mention, or empty
  std::map<std::string, std::string> attributes;  // e.g. title
  std::vector<AlternativeRecord> alternatives;
};

struct Node {
  std::string id;
  std::string label;
  std::string type;
  std::string canonical_id;  // empty when the entity is not in any gazetteer
  std::vector<std::string> aliases;
  std::map<std::string, std::string> attributes;    // gazetteer attributes, value of a date ...
  std::map<std::string, std::string> external_ids;
  std::vector<MentionRecord> mentions;
};

struct Evidence {
  std::string doc;
  size_t sentence = 0;
  std::string sentence_text;   // the original sentence text
  Offsets sentence_offsets;
  Offsets match_offsets;       // the part of the sentence the rule matched
  std::string rule;            // rule id
  bool inferred = false;       // true for facts completed by inference
  bool operator==(const Evidence& o) const;
};

struct Edge {
  std::string id;
  std::string source;
  std::string target;
  std::string relation;
  bool directed = true;
  double confidence = 0.0;   // the highest confidence of its evidence
  std::map<std::string, std::string> attributes;
  std::vector<Evidence> evidence;
};

class FactGraph {
 public:
  explicit FactGraph(std::string document_id = "");

  const std::string& id() const { return id_; }
  // Free-form metadata written under graph.metadata (lang, date, title, url,
  // relata_version, ...). Values are strings.
  std::map<std::string, std::string>& metadata() { return metadata_; }
  const std::map<std::string, std::string>& metadata() const { return metadata_; }

  // Returns the node with `id`, creating it (with `label` and `type`) if absent.
  // An existing node keeps its label and type; callers enrich the returned node.
  // `created`, when given, tells whether the node is new (one lookup where a
  // FindNode before would take two).
  Node& UpsertNode(const std::string& id, const std::string& label, const std::string& type,
                   bool* created = nullptr);
  const Node* FindNode(const std::string& id) const;

  // Adds a fact; merges with an existing edge of the same id (evidence appended
  // unless equal to a piece already there, confidence = max, attributes merged:
  // first value wins). A non-finite confidence counts as 0. Returns the edge id.
  std::string AddEdge(std::string relation, std::string source, std::string target, bool directed,
                      double confidence, const std::map<std::string, std::string>& attributes, Evidence evidence);

  const std::map<std::string, Node>& nodes() const { return nodes_; }
  const std::map<std::string, Edge>& edges() const { return edges_; }

  // Mentions and warnings that could not become part of the graph but must not be
  // lost (unresolved short references, skipped furniture): graph.metadata arrays.
  std::vector<MentionRecord>& unresolved() { return unresolved_; }
  const std::vector<MentionRecord>& unresolved() const { return unresolved_; }
  std::vector<std::string>& warnings() { return warnings_; }
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  std::string id_;
  std::map<std::string, std::string> metadata_;
  std::map<std::string, Node> nodes_;
  std::map<std::string, Edge> edges_;
  std::vector<MentionRecord> unresolved_;
  std::vector<std::string> warnings_;
};

// "e" + 16 lowercase hex digits; see the file comment.
std::string EdgeId(const std::string& relation, const std::string& source, const std::string& target, bool directed);

}  // namespace relata::graph

#endif  // RELATA_GRAPH_FACT_GRAPH_H_
