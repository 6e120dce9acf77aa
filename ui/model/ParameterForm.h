#pragma once
// The parameter panel's model (Qt-free): one text value per layout field, turned into nanoBragg
// arguments and parsed by the engine's own flag parser, so the GUI accepts exactly what the CLI
// accepts and reports the same one-line messages. Widgets only read and write values here.
#include <optional>
#include <string>
#include <vector>

#include "ParameterLayout.h"
#include "params/Params.h"

namespace bragg::ui {

struct FormResult {
    std::optional<Params> params;       // set when every field is valid
    std::string error;                  // first problem, one line
    int errorField = -1;                // the field it belongs to, if known
    std::vector<std::string> warnings;  // from the parser
};

class ParameterForm {
public:
    ParameterForm();

    int fieldCount() const { return int(values_.size()); }
    const FieldSpec& field(int index) const;
    int indexOf(const std::string& key) const;  // -1 if absent

    // Values: the flag's values as typed (Values/File); "on" or "" (Switch); the option index as
    // text (Choice, "0" = default).
    const std::string& value(int index) const { return values_.at(std::size_t(index)); }
    void setValue(int index, const std::string& value);
    bool setValue(const std::string& key, const std::string& value);  // false if no such field

    // Fills every field from a parameter set (via toNanoBraggFlags, so only non-defaults are set).
    void setParams(const Params& params);

    // The problem with one field on its own (bad number, wrong count, missing file), or nullopt.
    std::optional<std::string> fieldError(int index) const;

    // The arguments of the whole form, in emission order.
    std::vector<std::string> arguments() const;

    // Parses the whole form. Field errors come first (earliest field), then whole-set errors.
    FormResult evaluate() const;

    // The field a one-line message is about (it names the flag, or the file a file field holds), or -1.
    int fieldForMessage(const std::string& message) const;

    // The field a dropped file belongs in, from its name (.hkl, .mat/.a, .img/.smv/.cbf mask/
    // img by name, otherwise -sourcefile for lists of sources), or -1 if it cannot be told.
    int fieldForDroppedFile(const std::string& path) const;

private:
    std::vector<std::string> fieldArguments(int index) const;
    std::vector<std::string> values_;
    std::vector<int> emitOrder_;
};

// Splits a value box into arguments on whitespace.
std::vector<std::string> splitValues(const std::string& text);

}  // namespace bragg::ui
