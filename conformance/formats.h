// The recognise/run pair of every vector format, one pair per file in conformance/.
#pragma once

#include <filesystem>
#include <string_view>

#include "conformance/report.h"

namespace lucid::conformance {

// Declarations are added here as runners are written, e.g.
// bool recognises_cavp_aes_cbc(const std::filesystem::path&, std::string_view);
// void run_cavp_aes_cbc(const std::filesystem::path&, std::string_view, FileReport&);

}  // namespace lucid::conformance
