#include "resolve/overlap.h"

#include <algorithm>
#include <tuple>

namespace relata::resolve {
namespace {

int SourceRank(MentionSource s) {
  switch (s) {
    case MentionSource::kGazetteer: return 0;
    case MentionSource::kRule: return 1;
    case MentionSource::kResolution: return 2;
  }
  return 3;
}

// True when `a` ranks before `b`.
bool RanksBefore(const Candidate& a, const Candidate& b) {
  if (a.span.size() != b.span.size()) return a.span.size() > b.span.size();
  if (a.priority != b.priority) return a.priority > b.priority;
  if (SourceRank(a.source) != SourceRank(b.source)) return SourceRank(a.source) < SourceRank(b.source);
  if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
  return std::tie(a.type, a.source_id, a.canonical_id) < std::tie(b.type, b.source_id, b.canonical_id);
}

}  // namespace

std::string LossReason(const Candidate& winner, const Candidate& loser) {
  if (winner.span == loser.span && winner.type == loser.type) {
    return "same span and type as the winner; its attributes were merged into the winner";
  }
  if (loser.span.size() < winner.span.size()) return "shorter than the overlapping winner";
  if (loser.priority < winner.priority) return "same length as the winner but lower priority";
  if (SourceRank(loser.source) > SourceRank(winner.source)) {
    return std::string("same length and priority; a ") + MentionSourceName(winner.source) +
           " candidate wins over a " + MentionSourceName(loser.source) + " one";
  }
  if (loser.span.begin > winner.span.begin) return "same length, priority and source; the leftmost wins";
  return "complete tie; broken by type and source id";
}

std::vector<Mention> ChooseMentions(std::vector<Candidate> candidates, size_t sentence) {
  std::sort(candidates.begin(), candidates.end(), RanksBefore);
  std::vector<Mention> chosen;
  chosen.reserve(candidates.size());
  for (Candidate& c : candidates) {
    Mention* winner = nullptr;
    for (Mention& m : chosen) {
      if (m.candidate.span.Overlaps(c.span)) {
        winner = &m;
        break;
      }
    }
    if (winner == nullptr) {
      Mention m;
      m.candidate = std::move(c);
      m.sentence = sentence;
      chosen.push_back(std::move(m));
      continue;
    }
    // Exact duplicates (the same entry reached through two aliases with one
    // surface) add nothing an editor needs to see.
    const Candidate& w = winner->candidate;
    if (w.span == c.span && w.type == c.type && w.source == c.source && w.source_id == c.source_id) continue;
    if (w.span == c.span && w.type == c.type) {
      for (const auto& [k, v] : c.attributes) winner->candidate.attributes.emplace(k, v);
      if (winner->candidate.particle.empty()) winner->candidate.particle = c.particle;
    }
    std::string reason = LossReason(w, c);
    winner->alternatives.push_back(Alternative{std::move(c), std::move(reason)});
  }
  std::sort(chosen.begin(), chosen.end(),
            [](const Mention& a, const Mention& b) { return a.candidate.span < b.candidate.span; });
  return chosen;
}

}  // namespace relata::resolve
