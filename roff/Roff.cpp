#include "Roff.h"

#include <cctype>
#include <cstdio>
#include <optional>
#include <utility>
#include <vector>

namespace bragg::man {

namespace {

// One UTF-8 sequence starting at text[i] as a code point (i advanced past it); U+FFFD if broken.
char32_t decodeUtf8(std::string_view text, std::size_t& i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    const int extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
    char32_t cp = extra == 3 ? lead & 0x07u : extra == 2 ? lead & 0x0Fu : lead & 0x1Fu;
    ++i;
    if (extra == 0) return U'\uFFFD';  // a stray continuation byte
    for (int k = 0; k < extra; ++k, ++i) {
        if (i >= text.size() || (byte(i) & 0xC0u) != 0x80u) return U'\uFFFD';
        cp = (cp << 6) | (byte(i) & 0x3Fu);
    }
    return cp;
}

std::size_t indentOf(std::string_view l) {
    const std::size_t n = l.find_first_not_of(' ');
    return n == std::string_view::npos ? l.size() : n;
}

std::string_view trimRight(std::string_view s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

constexpr std::string_view kUsagePrefix = "usage:";

bool startsWithUsage(std::string_view s) {
    if (s.size() < kUsagePrefix.size()) return false;
    for (std::size_t i = 0; i < kUsagePrefix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(s[i])) != kUsagePrefix[i]) return false;
    return true;
}

bool hasLowercase(std::string_view word) {
    for (char c : word)
        if (c >= 'a' && c <= 'z') return true;
    return false;
}

struct Item {
    std::string term, desc;
    std::size_t indent = 0;
    std::size_t descColumn = 0;  // where the description starts in the --help text (0: unknown)
    std::vector<std::pair<std::string, std::string>> nested;  // a term/description table inside
};

// "TERM  description" (body indented by `indent`; `next` is the following line): split at the
// first run of two or more spaces. Without one, at the column where the next line continues the
// description, if that falls between words (else the whole line is the term, as in CLI11's
// "--iterations INT:INT in [1 - 1000]"); without a continuation, after the leading words that are
// options ("-x") or value names (no lower-case letter: N, PATH).
Item splitItem(std::string_view body, std::size_t indent, std::string_view next) {
    Item item;
    item.indent = indent;
    std::size_t at = std::string_view::npos;
    if (const std::size_t gap = body.find("  "); gap != std::string_view::npos) {
        at = body.find_first_not_of(' ', gap);
        item.term = body.substr(0, gap);
    } else if (const std::size_t nextIndent = indentOf(next);
               nextIndent > indent && nextIndent < next.size() && next[nextIndent] != '-') {
        const std::size_t column = nextIndent - indent;
        if (column < body.size() && body[column - 1] == ' ' && body[column] != ' ') at = column;
        item.term = trimRight(body.substr(0, std::min(column, body.size())));
        if (at == std::string_view::npos) item.term = body;
    } else {
        std::size_t end = 0;
        while (end < body.size()) {
            const std::size_t wordEnd = std::min(body.find(' ', end), body.size());
            const std::string_view word = body.substr(end, wordEnd - end);
            if (end > 0 && word.front() != '-' && hasLowercase(word)) break;
            end = wordEnd + 1;
        }
        if (end < body.size()) at = end;
        item.term = trimRight(body.substr(0, std::min(end, body.size())));
    }
    if (at != std::string_view::npos) {
        item.desc = body.substr(at);
        item.descColumn = indent + at;
    }
    return item;
}

void appendWords(std::string& text, std::string_view more) {
    if (!text.empty()) text += ' ';
    text += more;
}

// Builds the page text; see helpText() in Roff.h for the rules.
class HelpWriter {
public:
    void add(std::string_view raw, std::string_view next) {
        const std::string_view l = trimRight(raw);
        if (l.empty()) {
            flushItem();
            mode_ = Mode::None;
            return;
        }
        const std::size_t indent = indentOf(l);
        const std::string_view body = l.substr(indent);
        if (startsWithUsage(body)) return usage(body.substr(kUsagePrefix.size()));
        if (mode_ == Mode::Usage && indent > 0 && body.front() != '-') return usage(body);
        if (indent == 0) return body.back() == ':' ? heading(body) : prose(body);
        if (item_ && indent > item_->indent && body.front() != '-') return continuation(body, indent);
        itemLine(body, indent, trimRight(next));
    }

    std::string finish() {
        flushItem();
        return std::move(out_);
    }

private:
    enum class Mode { None, Usage, Prose, Items };

    // A usage line; one that does not start with the program's name continues the one before.
    void usage(std::string_view body) {
        body.remove_prefix(std::min(body.find_first_not_of(' '), body.size()));
        const std::string_view program = body.substr(0, body.find(' '));
        flushItem();
        if (mode_ != Mode::Usage) {
            out_ += ".PP\n";
            program_ = program;
        } else if (program == program_) {
            out_ += ".br\n";
        }
        mode_ = Mode::Usage;
        out_ += line(body) + "\n";
    }

    void heading(std::string_view body) {
        flushItem();
        out_ += ".PP\n\\fB" + escape(body) + "\\fR\n";
        mode_ = Mode::None;
    }

    void prose(std::string_view body) {
        flushItem();
        if (mode_ != Mode::Prose) out_ += ".PP\n";
        mode_ = Mode::Prose;
        out_ += line(body) + "\n";
    }

    // A deeper-indented line below an item: more description, or a row of a table inside it
    // (indented past the description, with its own two-space gap).
    void continuation(std::string_view body, std::size_t indent) {
        Item& item = *item_;
        if (item.desc.empty() && item.nested.empty()) item.descColumn = indent;
        const bool inTable = item.descColumn > 0 && indent > item.descColumn;
        if (inTable && body.find("  ") != std::string_view::npos) {
            Item row = splitItem(body, indent, {});
            item.nested.emplace_back(std::move(row.term), std::move(row.desc));
        } else if (inTable && !item.nested.empty()) {
            appendWords(item.nested.back().second, body);
        } else {
            appendWords(item.desc, body);
        }
    }

    void itemLine(std::string_view body, std::size_t indent, std::string_view next) {
        Item item = splitItem(body, indent, next);
        if (!pendingTerm_.empty()) item.term = std::exchange(pendingTerm_, {}) + " " + item.term;
        flushItem();
        mode_ = Mode::Items;
        if (item.desc.empty() && item.term.back() == ',') {  // a term list that goes on in the next line
            pendingTerm_ = std::move(item.term);
            return;
        }
        item_ = std::move(item);
    }

    void flushItem() {
        if (!item_) return;
        out_ += ".TP\n" + optionTerm(item_->term) + "\n";
        if (!item_->desc.empty()) out_ += line(item_->desc) + "\n";
        if (!item_->nested.empty()) {
            out_ += ".RS\n";
            for (const auto& [term, desc] : item_->nested)
                out_ += ".TP\n\\fB" + escape(term) + "\\fR\n" + line(desc) + "\n";
            out_ += ".RE\n";
        }
        item_.reset();
    }

    std::string out_;
    Mode mode_ = Mode::None;
    std::optional<Item> item_;
    std::string pendingTerm_;
    std::string program_;  // first word of the current usage block
};

}  // namespace

std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        if (static_cast<unsigned char>(c) >= 0x80) {
            char buf[16];
            std::snprintf(buf, sizeof buf, "\\[u%04X]", static_cast<unsigned>(decodeUtf8(text, i)));
            out += buf;
            continue;
        }
        if (c == '\\')
            out += "\\(rs";
        else if (c == '-')
            out += "\\-";
        else
            out += c;
        ++i;
    }
    return out;
}

std::string line(std::string_view text) {
    const std::string escaped = escape(text);
    return !text.empty() && (text.front() == '.' || text.front() == '\'') ? "\\&" + escaped : escaped;
}

std::string optionTerm(std::string_view text) {
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = std::min(text.find(' ', start), text.size());
        const std::string_view word = text.substr(start, end - start);
        if (!word.empty()) {
            const bool option = word.size() > 1 && word.front() == '-';
            if (!out.empty()) out += ' ';
            out += option ? "\\fB" : "\\fI";
            out += escape(word);
            out += "\\fR";
        }
        start = end + 1;
    }
    return out.empty() ? "\\&" : out;
}

std::string header(std::string_view name, std::string_view version, std::string_view summary) {
    std::string upper(name);
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return ".TH \"" + escape(upper) + "\" 1 \"\" \"BraggStudio " + escape(version) +
           "\" \"User Commands\"\n.SH NAME\n" + escape(name) + " \\- " + escape(summary) + "\n";
}

std::pair<std::string, std::string> splitUsage(std::string_view text) {
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        const std::string_view l = text.substr(start, end - start);
        const std::size_t indent = indentOf(l);
        const bool usageLine =
            start == 0 ? startsWithUsage(l) : indent > 0 && indent < l.size() && l[indent] != '-';
        if (!usageLine) break;
        start = end + 1;
    }
    start = std::min(start, text.size());
    return {std::string(text.substr(0, start)), std::string(text.substr(start))};
}

std::string helpText(std::string_view text) {
    std::vector<std::string_view> lines;
    for (std::size_t start = 0; start < text.size();) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    HelpWriter writer;
    for (std::size_t i = 0; i < lines.size(); ++i)
        writer.add(lines[i], i + 1 < lines.size() ? lines[i + 1] : std::string_view());
    return writer.finish();
}

}  // namespace bragg::man
