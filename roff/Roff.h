#pragma once
// Plain text -> roff (man(7)) for the man pages that `bragg --help-man` and
// `bragg-studio --help-man` print. The pages are built from the same text and tables as --help;
// this file only knows how to typeset them.
#include <string>
#include <string_view>
#include <utility>

namespace bragg::man {

// Text safe anywhere in a roff line: '\' as \e, '-' as \- (a minus: options can be searched and
// pasted), non-ASCII UTF-8 as \[uXXXX] (no preconv needed).
std::string escape(std::string_view text);

// A text line: escape() plus a leading \& when the line would otherwise start with '.' or '\''.
std::string line(std::string_view text);

// "\fB\-\-engine\fR \fINAME\fR": words starting with '-' in bold, the other words (value names) in
// italics.
std::string optionTerm(std::string_view text);

// .TH and the NAME section.
std::string header(std::string_view name, std::string_view version, std::string_view summary);

// A --help text split after its usage lines ("usage: ..." and indented lines that are not
// options): {usage lines, the rest}. {"", text} if it does not start with them.
std::pair<std::string, std::string> splitUsage(std::string_view text);

// A --help text as man(7). Usage lines become their own lines (without "usage:"); unindented lines are
// paragraph text, or a bold subheading if they end with ':'; indented lines "  TERM  description" (and their
// deeper-indented continuation lines) become .TP items; blank lines end a paragraph.
std::string helpText(std::string_view text);

}  // namespace bragg::man
