// The table of vector file formats. One row per format; each runner lives in its own file.
#include "conformance/formats.h"
#include "conformance/vector_files.h"

namespace lucid::conformance {

std::span<const VectorFormat> vector_formats() {
    static const VectorFormat table[] = {
        // Rows are added here as the primitives arrive, e.g.
        // {"NIST CAVP AES-CBC", recognises_cavp_aes_cbc, run_cavp_aes_cbc},
        {"(none)", [](const std::filesystem::path&, std::string_view) { return false; }, nullptr},
    };
    return table;
}

}  // namespace lucid::conformance
