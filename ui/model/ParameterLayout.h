#pragma once
// The parameter panel's layout (Qt-free): every nanoBragg flag of the flag table, grouped as users
// think of them (Crystal, Beam, Detector, Sampling, Noise & Output), and the order in which the
// form writes them back as arguments. Mutually exclusive switches become one choice.
#include <string>
#include <vector>

#include "params/FlagTable.h"

namespace bragg::ui {

enum class FieldKind {
    Values,  // one text box holding the flag's values ("70 80 90 75 85 95")
    File,    // a file name, with a browse button and drag & drop
    Switch,  // a flag without values (or with fixed values, e.g. "-misset random")
    Choice   // one of several switches; option 0 is the default and writes nothing
};

struct FieldSpec {
    std::string key;    // unique: the flag name, "-misset random", or the choice's name
    std::string label;  // shown in the panel
    std::string group;
    FieldKind kind = FieldKind::Values;
    const FlagSpec* flag = nullptr;         // Values/File/Switch
    std::vector<const FlagSpec*> options;   // Choice: nullptr for the default option
    std::vector<std::string> optionLabels;  // Choice
    int emitRank = 0;                       // arguments are written by ascending rank, then layout order
    std::string tooltip() const;            // help, values and units from the flag table
};

const std::vector<std::string>& parameterGroups();

// All fields in display order. Every row of the flag table except the "Diagnostics" group
// (accepted, no effect) appears in exactly one field.
const std::vector<FieldSpec>& parameterLayout();

// The table row for a flag name ("-misset random" selects the random-misset row).
const FlagSpec* findFlag(const std::string& key);

}  // namespace bragg::ui
