#pragma once
// The derived set-up of a run — what nanoBragg prints before it renders (convention, pivot, beam
// centres, detector axes, cell vectors, sources, mosaic domains, φ steps, …) — as named quantities
// in one list, so that two implementations' set-ups can be compared before any pixel is: a set-up
// that differs is the most likely cause of images that differ (docs/setup.md lists the schema).
#include <optional>
#include <string>
#include <vector>

namespace bragg::setup {

enum class Kind { Text, Count, Number };

// One entry of the list of set-up quantities: its JSON name, unit, what it is and how close two
// values must be to count as the same (relative to the quantity's own scale: the largest |value|
// of its components, so a unit vector's tiny components are judged against 1).
struct QuantityInfo {
    const char* name;
    Kind kind;
    const char* unit;   // "" for counts and text
    const char* label;  // how reports name it ("mosaic domains", "Fbeam/Sbeam")
    double tolerance;   // relative to the scale; nanoBragg prints 6 significant digits
};

// Every quantity, in report order (the most telling first).
const std::vector<QuantityInfo>& quantities();
const QuantityInfo* findQuantity(const std::string& name);

struct Value {
    std::string text;             // Kind::Text
    std::vector<double> numbers;  // Count and Number (one or more components)
};

// A set-up as one implementation reports it: only the quantities it reports.
struct Setup {
    std::string source;  // "engine", "printout" (parsed from a program's output), "file"
    std::vector<std::pair<std::string, Value>> values;

    void set(const std::string& name, Value value);
    void setText(const std::string& name, const std::string& text) { set(name, Value{text, {}}); }
    void setNumbers(const std::string& name, std::vector<double> numbers) {
        set(name, Value{{}, std::move(numbers)});
    }
    const Value* find(const std::string& name) const;
    bool empty() const { return values.empty(); }
};

struct Difference {
    std::string name;       // the quantity's JSON name
    std::string label;      // as reports name it
    std::string reference;  // its value on each side, as text with the unit
    std::string candidate;
};

// The quantities both set-ups report that differ beyond their tolerance, in list order.
std::vector<Difference> compareSetups(const Setup& reference, const Setup& candidate);

// "mosaic domains 5 vs 1; φ steps 3 vs 3; Fbeam/Sbeam 0.00513 0.0052 vs 0.00518 0.0052 m" (at
// most `shown` differences, then "and N more").
std::string differencesText(const std::vector<Difference>& differences, std::size_t shown = 4);

// A value as reports print it: %g per component, the unit after.
std::string valueText(const QuantityInfo& info, const Value& value);

}  // namespace bragg::setup

namespace bragg::setup {

// Two sides' set-ups compared (when both report one).
struct SetupComparison {
    std::string referenceSource, candidateSource;  // Setup::source of each
    std::size_t compared = 0;                      // quantities both report
    std::vector<Difference> differences;
    // "set-up differs: …", or empty when they agree.
    std::string line() const;
};

SetupComparison compareSetupsOf(const Setup& reference, const Setup& candidate);

}  // namespace bragg::setup
