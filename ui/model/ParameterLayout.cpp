#include "ParameterLayout.h"

#include <cstring>

namespace bragg::ui {

namespace {

// Ranks that reproduce the "last one wins" rules toNanoBraggFlags relies on: -curved_det first,
// seeds after -mosaic_seed/-misset_seed (which
// also set the noise seed), and the convention and pivot last (many flags set them as a side
// effect).
constexpr int kFirst = -1, kNormal = 0, kSeeds = 1, kConvention = 2, kPivot = 3;

struct Entry {
    const char* key;
    const char* label = nullptr;  // default: the key without its dash
    int rank = kNormal;
};

struct ChoiceEntry {
    const char* name;
    std::vector<std::pair<const char*, const char*>> options;  // label, flag (nullptr = default)
    int rank = kNormal;
};

class LayoutBuilder {
public:
    void group(const char* g) { group_ = g; }

    void field(const Entry& e) {
        FieldSpec f;
        f.key = e.key;
        f.flag = findFlag(e.key);
        f.label = e.label ? e.label : std::string(e.key).substr(1);
        f.group = group_;
        f.emitRank = e.rank;
        if (f.flag->arity == 0 || f.flag->optionalValues || f.key == "-misset random")
            f.kind = FieldKind::Switch;
        else if (std::strcmp(f.flag->values, "file") == 0)
            f.kind = FieldKind::File;
        else
            f.kind = FieldKind::Values;
        fields.push_back(std::move(f));
    }
    void fields_(std::initializer_list<Entry> entries) {
        for (const Entry& e : entries) field(e);
    }
    void choice(const ChoiceEntry& c) {
        FieldSpec f;
        f.key = c.name;
        f.label = c.name;
        f.group = group_;
        f.kind = FieldKind::Choice;
        f.emitRank = c.rank;
        for (const auto& [label, flag] : c.options) {
            f.optionLabels.push_back(label);
            f.options.push_back(flag ? findFlag(flag) : nullptr);
        }
        fields.push_back(std::move(f));
    }

    std::vector<FieldSpec> fields;

private:
    const char* group_ = "";
};

std::vector<FieldSpec> buildLayout() {
    LayoutBuilder b;
    b.group("Crystal");
    b.fields_({{"-cell"}, {"-hkl"}, {"-mat"}, {"-default_F"}, {"-N"}, {"-Na"}, {"-Nb"}, {"-Nc"}});
    b.choice({"spot shape",
              {{"square (default)", nullptr},
               {"round", "-round_xtal"},
               {"gauss", "-gauss_xtal"},
               {"tophat", "-tophat_spots"},
               {"square", "-square_xtal"}}});
    b.fields_({{"-fudge"},
               {"-xtalsize"},
               {"-xtal_thick"},
               {"-xtal_width"},
               {"-xtal_height"},
               {"-mosaic"},
               {"-misset"},
               {"-misset random", "misset random"}});
    b.choice({"F interpolation",
              {{"auto (default)", nullptr}, {"on", "-interpolate"}, {"off", "-nointerpolate"}}});

    b.group("Beam");
    b.fields_({{"-lambda"}, {"-energy"}, {"-dispersion"}, {"-divergence"}, {"-hdivrange"}, {"-vdivrange"}});
    b.choice({"divergence grid",
              {{"round (default)", nullptr}, {"square", "-square_div"}, {"round", "-round_div"}}});
    b.fields_({{"-sourcefile"},
               {"-fluence"},
               {"-flux"},
               {"-exposure"},
               {"-beamsize"},
               {"-polar"},
               {"-nopolar"},
               {"-beam_vector"},
               {"-polar_vector"},
               {"-spindle_axis"},
               {"-water"},
               {"-stol"},
               {"-4stol"},
               {"-Q"},
               {"-dmin"}});

    b.group("Detector");
    b.fields_({{"-pixel"},
               {"-detsize"},
               {"-detsize_f"},
               {"-detsize_s"},
               {"-detpixels"},
               {"-detpixels_f"},
               {"-detpixels_s"},
               {"-distance"},
               {"-close_distance"},
               {"-Xbeam"},
               {"-Ybeam"},
               {"-Xclose"},
               {"-Yclose"},
               {"-ORGX"},
               {"-ORGY"}});
    b.choice({"convention",
              {{"mosflm (default)", nullptr},
               {"xds", "-xds"},
               {"adxv", "-adxv"},
               {"denzo", "-denzo"},
               {"dials", "-dials"},
               {"mosflm", "-mosflm"}},
              kConvention});
    b.fields_({{"-pivot", nullptr, kPivot},
               {"-fdet_vector"},
               {"-sdet_vector"},
               {"-odet_vector"},
               {"-twotheta_axis"},
               {"-pix0_vector"},
               {"-detector_rotx"},
               {"-detector_roty"},
               {"-detector_rotz"},
               {"-twotheta"},
               {"-curved_det", nullptr, kFirst},
               {"-point_pixel"},
               {"-detector_abs"},
               {"-detector_thick"},
               {"-img"},
               {"-mask"}});

    b.group("Sampling");
    b.fields_({{"-oversample"},
               {"-oversample_thick"},
               {"-oversample_polar"},
               {"-oversample_omega"},
               {"-mosaic_domains"},
               {"-phi"},
               {"-osc"},
               {"-phistep"},
               {"-phisteps"},
               {"-dispsteps"},
               {"-divsteps"},
               {"-hdivstep"},
               {"-hdivsteps"},
               {"-vdivstep"},
               {"-vdivsteps"},
               {"-detector_thicksteps"},
               {"-roi"}});

    b.group("Noise & Output");
    b.fields_({{"-mosaic_seed", nullptr, kSeeds},
               {"-misset_seed", nullptr, kSeeds},
               {"-seed", nullptr, kSeeds + 1},
               {"-adc"},
               {"-scale"},
               {"-floatfile"},
               {"-intfile"},
               {"-pgmfile"},
               {"-pgmscale"},
               {"-noisefile"},
               {"-tifffile"},
               {"-cbffile"},
               {"-cbfnoisefile"},
               {"-nexusfile"},
               {"-nexus_compression"},
               {"-nopgm"},
               {"-nonoise"}});
    return std::move(b.fields);
}

}  // namespace

std::string FieldSpec::tooltip() const {
    if (kind == FieldKind::Choice) {
        std::string text;
        for (const FlagSpec* option : options)
            if (option) text += option->name + ": " + option->help + "\n";
        return text.empty() ? text : text.substr(0, text.size() - 1);
    }
    std::string text = flag->name;
    if (*flag->values) text += std::string(" ") + flag->values;
    if (*flag->units) text += std::string(" [") + flag->units + "]";
    return text + "\n" + flag->help;
}

const std::vector<std::string>& parameterGroups() {
    static const std::vector<std::string> groups = {"Crystal", "Beam", "Detector", "Sampling",
                                                    "Noise & Output"};
    return groups;
}

const std::vector<FieldSpec>& parameterLayout() {
    static const std::vector<FieldSpec> layout = buildLayout();
    return layout;
}

const FlagSpec* findFlag(const std::string& key) {
    const bool random = key == "-misset random";
    const std::string name = random ? "-misset" : key;
    for (const FlagSpec& row : nanoBraggFlagTable())
        if (row.name == name && (name != "-misset" || (row.arity == 1) == random)) return &row;
    return nullptr;
}

}  // namespace bragg::ui
