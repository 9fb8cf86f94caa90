#include "tools/sequence_diagram.h"

#include "tools/html_escape.h"

namespace lucid::tools {

namespace {

constexpr int width = 640;
constexpr int client_x = 110;
constexpr int server_x = 530;
constexpr int top = 50;
constexpr int row_height = 30;

std::string step_label(const DiagramRow& row) {
    return (row.step > 0 ? std::to_string(row.step) + ". " : "") + row.label;
}

}  // namespace

std::string sequence_diagram_svg(const std::vector<DiagramRow>& rows) {
    const int height = top + static_cast<int>(rows.size()) * row_height + 20;
    std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ladder\" viewBox=\"0 0 " +
                      std::to_string(width) + " " + std::to_string(height) + "\" width=\"" + std::to_string(width) +
                      "\" height=\"" + std::to_string(height) +
                      "\" role=\"img\" aria-label=\"sequence diagram of the connection\">\n";
    svg += "<defs><marker id=\"head\" markerWidth=\"10\" markerHeight=\"8\" refX=\"9\" refY=\"4\" orient=\"auto\">"
           "<path d=\"M0,0 L10,4 L0,8 z\" fill=\"#333\"/></marker></defs>\n";
    svg += "<text x=\"" + std::to_string(client_x) + "\" y=\"24\" text-anchor=\"middle\" class=\"who\">client</text>\n";
    svg += "<text x=\"" + std::to_string(server_x) + "\" y=\"24\" text-anchor=\"middle\" class=\"who\">server</text>\n";
    for (int x : {client_x, server_x}) {
        svg += "<line x1=\"" + std::to_string(x) + "\" y1=\"32\" x2=\"" + std::to_string(x) + "\" y2=\"" +
               std::to_string(height - 10) + "\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>\n";
    }
    int y = top;
    for (const DiagramRow& row : rows) {
        const std::string label = html_escape(step_label(row));
        svg += "<a href=\"#" + row.anchor + "\">";
        if (row.kind == DiagramRow::Kind::computation) {
            svg += "<rect x=\"" + std::to_string(client_x - 30) + "\" y=\"" + std::to_string(y - 14) + "\" width=\"" +
                   std::to_string(server_x - client_x + 60) + "\" height=\"22\" rx=\"4\" fill=\"#fff6d5\" stroke=\"#b8a040\"/>";
            svg += "<text x=\"" + std::to_string((client_x + server_x) / 2) + "\" y=\"" + std::to_string(y + 1) +
                   "\" text-anchor=\"middle\">" + label + "</text>";
        } else {
            const int from = row.from_client ? client_x : server_x;
            const int to = row.from_client ? server_x - 2 : client_x + 2;
            svg += "<line x1=\"" + std::to_string(from) + "\" y1=\"" + std::to_string(y) + "\" x2=\"" + std::to_string(to) +
                   "\" y2=\"" + std::to_string(y) + "\" stroke=\"#333\" marker-end=\"url(#head)\"/>";
            svg += "<text x=\"" + std::to_string((client_x + server_x) / 2) + "\" y=\"" + std::to_string(y - 5) +
                   "\" text-anchor=\"middle\">" + label + "</text>";
        }
        svg += "</a>\n";
        y += row_height;
    }
    svg += "</svg>\n";
    return svg;
}

}  // namespace lucid::tools
