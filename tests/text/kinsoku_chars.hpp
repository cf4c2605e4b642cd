// The 避头尾 characters the tests hold the implementation to, written out independently of it.
#pragma once

#include <string_view>

namespace kiosk::text::testing {

// Must never start a line: the brief's list, then full-width/half-width/small/other variants.
inline constexpr std::u32string_view kNoStart =
    U"，。、；：！？）」』》〉】〕…—·%‰,.;:!?)]}”’"
    U"｡､｣･．％］｝〗〙〛｠﹐﹑﹒﹔﹕﹖﹗﹚﹜﹞―‥⋯・";

// Must never end a line.
inline constexpr std::u32string_view kNoEnd = U"（「『《〈【〔“‘([{［｛〖〘〚｟｢﹙﹛﹝〝";

}  // namespace kiosk::text::testing
