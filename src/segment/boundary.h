// The one boundary policy for names, shared by the gazetteer matcher and the
// entity rules so that a name is a name by the same test whoever found it.
//
//   Start: `begin` is the start of the text, or the character before it is not
//          a word character (segment::IsWordChar), or the name itself starts
//          with a non-word character ("$37 billion", "(주)").
//   End by the script of the name's last character:
//     Hangul: the rest of the eojeol (the run of word characters after the
//             name) is empty or a particle chain agreeing with the name's last
//             syllable: 메타가 → 메타 + 가; 메타버스 → no; 인도하는 → no.
//     other:  the next character is not a word character; or a possessive
//             's / ’s follows (Meta's); or the rest of the eojeol is Hangul
//             forming a particle chain (TSMC는, Meta가, S24를).
//   A name ending in a non-word character ("Inc.", "(CEO)") needs nothing after it.
#ifndef RELATA_SEGMENT_BOUNDARY_H_
#define RELATA_SEGMENT_BOUNDARY_H_

#include <cstddef>
#include <string_view>

#include "segment/particles.h"

namespace relata::segment {

// True when `text[begin, end)` may stand as a name under the policy above. On
// success `*particle_end` is the end of the particle chain (== end when none).
// `text` is valid UTF-8 (NFKC or NFKC-casefolded); offsets are bytes on code
// point boundaries with begin < end <= text.size().
bool IsNameBoundary(std::string_view text, size_t begin, size_t end, const ParticleSet& particles,
                    size_t* particle_end);

// True when a name may start at `begin` (start rule above, without the end test).
bool IsNameStart(std::string_view text, size_t begin);

}  // namespace relata::segment

#endif  // RELATA_SEGMENT_BOUNDARY_H_
