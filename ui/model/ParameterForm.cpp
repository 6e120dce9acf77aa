#include "ParameterForm.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <sstream>

#include "core/Error.h"
#include "params/FlagParser.h"

namespace bragg::ui {

std::vector<std::string> splitValues(const std::string& text) {
    std::istringstream in(text);
    std::vector<std::string> out;
    for (std::string word; in >> word;) out.push_back(word);
    return out;
}

namespace {
// Assigning string literals here trips a GCC 12 false -Wrestrict; copy std::strings instead.
const std::string kDefaultOption = "0";
const std::string kNoValue;
const std::string kOn = "on";
}  // namespace

ParameterForm::ParameterForm() {
    const auto& layout = parameterLayout();
    values_.assign(layout.size(), {});
    for (std::size_t i = 0; i < layout.size(); ++i) {
        if (layout[i].kind == FieldKind::Choice) values_[i] = kDefaultOption;
        emitOrder_.push_back(int(i));
    }
    std::stable_sort(emitOrder_.begin(), emitOrder_.end(), [&](int a, int b) {
        return layout[std::size_t(a)].emitRank < layout[std::size_t(b)].emitRank;
    });
}

const FieldSpec& ParameterForm::field(int index) const { return parameterLayout().at(std::size_t(index)); }

int ParameterForm::indexOf(const std::string& key) const {
    const auto& layout = parameterLayout();
    for (std::size_t i = 0; i < layout.size(); ++i)
        if (layout[i].key == key) return int(i);
    return -1;
}

void ParameterForm::setValue(int index, const std::string& value) { values_.at(std::size_t(index)) = value; }

bool ParameterForm::setValue(const std::string& key, const std::string& value) {
    const int i = indexOf(key);
    if (i < 0) return false;
    setValue(i, value);
    return true;
}

void ParameterForm::setParams(const Params& params) {
    const auto& layout = parameterLayout();
    for (std::size_t i = 0; i < layout.size(); ++i)
        values_[i] = layout[i].kind == FieldKind::Choice ? kDefaultOption : kNoValue;
    const std::vector<std::string> args = toNanoBraggFlags(params);
    for (std::size_t a = 0; a < args.size(); ++a) {
        const std::string& arg = args[a];
        if (arg == "-misset" && a + 1 < args.size() && args[a + 1] == "random") {
            setValue("-misset random", "on");
            ++a;
            continue;
        }
        for (std::size_t i = 0; i < layout.size(); ++i) {
            const FieldSpec& f = layout[i];
            if (f.kind == FieldKind::Choice) {
                for (std::size_t o = 0; o < f.options.size(); ++o)
                    if (f.options[o] && f.options[o]->name == arg) values_[i] = std::to_string(o);
                continue;
            }
            if (f.flag->name != arg || f.key == "-misset random") continue;
            if (f.kind == FieldKind::Switch) {
                values_[i] = kOn;
                // "-curved_det 1": skip the unread follower.
                if (f.flag->optionalValues && a + 1 < args.size() && args[a + 1].rfind('-', 0) != 0) ++a;
                break;
            }
            // Variadic flags (-cell) read up to arity values, stopping at one starting with '-'.
            std::string text;
            std::size_t taken = 0;
            while (taken < std::size_t(f.flag->arity) && a + 1 < args.size()) {
                const std::string& next = args[a + 1];
                if (f.flag->variadic && !next.empty() && next[0] == '-') break;
                text += (text.empty() ? "" : " ") + next;
                ++a;
                ++taken;
            }
            values_[i] = text;
            break;
        }
    }
}

std::vector<std::string> ParameterForm::fieldArguments(int index) const {
    const FieldSpec& f = field(index);
    const std::string& v = value(index);
    switch (f.kind) {
        case FieldKind::Choice: {
            const int option = std::atoi(v.c_str());
            if (option <= 0 || option >= int(f.options.size()) || !f.options[std::size_t(option)]) return {};
            return {f.options[std::size_t(option)]->name};
        }
        case FieldKind::Switch:
            if (v.empty()) return {};
            if (f.key == "-misset random") return {"-misset", "random"};
            if (f.flag->optionalValues) return {f.flag->name, "1"};  // "-curved_det 1"
            return {f.flag->name};
        case FieldKind::File:
            if (v.empty()) return {};
            return {f.flag->name, v};
        case FieldKind::Values: {
            std::vector<std::string> words = splitValues(v);
            if (words.empty()) return {};
            words.insert(words.begin(), f.flag->name);
            return words;
        }
    }
    return {};
}

std::optional<std::string> ParameterForm::fieldError(int index) const {
    const FieldSpec& f = field(index);
    std::vector<std::string> args = fieldArguments(index);
    if (args.empty()) return std::nullopt;
    if (f.kind == FieldKind::Values && !f.flag->variadic && int(args.size()) - 1 != f.flag->arity)
        return f.flag->name + ": needs " + std::to_string(f.flag->arity) + " value" +
               (f.flag->arity == 1 ? "" : "s") + " (" + f.flag->values + ")";
    if (f.kind == FieldKind::File && !std::filesystem::exists(args[1]))
        return f.flag->name + ": no such file '" + args[1] + "'";
    try {
        parseNanoBraggFlags(args);
    } catch (const Error& e) {
        return std::string(e.what());
    }
    return std::nullopt;
}

namespace {

// "-misset_seed N" followed by three arguments is also read as "-misset N …" (docs/flags.md §1): put it
// just before a -misset, which then wins, or else last, where nothing can follow its value.
void placeMissetSeed(std::vector<std::string>& args) {
    const auto seed = std::find(args.begin(), args.end(), "-misset_seed");
    if (seed == args.end() || seed + 1 == args.end()) return;
    const std::vector<std::string> pair(seed, seed + 2);
    args.erase(seed, seed + 2);
    const auto misset = std::find(args.begin(), args.end(), "-misset");
    args.insert(misset, pair.begin(), pair.end());
}

}  // namespace

std::vector<std::string> ParameterForm::arguments() const {
    std::vector<std::string> args;
    for (int i : emitOrder_) {
        const auto part = fieldArguments(i);
        args.insert(args.end(), part.begin(), part.end());
    }
    placeMissetSeed(args);
    return args;
}

FormResult ParameterForm::evaluate() const {
    FormResult result;
    for (int i = 0; i < fieldCount(); ++i) {
        if (auto problem = fieldError(i)) {
            result.error = *problem;
            result.errorField = i;
            return result;
        }
    }
    try {
        ParsedFlags parsed = parseNanoBraggFlags(arguments());
        result.params = std::move(parsed.params);
        result.warnings = std::move(parsed.warnings);
    } catch (const Error& e) {
        result.error = e.what();
        result.errorField = fieldForMessage(result.error);
    }
    return result;
}

int ParameterForm::fieldForMessage(const std::string& message) const {
    // The longest flag name the message starts with, else the longest it mentions.
    int best = -1;
    std::size_t bestLength = 0;
    bool bestAtStart = false;
    for (int i = 0; i < fieldCount(); ++i) {
        const FieldSpec& f = field(i);
        std::vector<const FlagSpec*> flags = f.kind == FieldKind::Choice ? f.options : std::vector{f.flag};
        for (const FlagSpec* flag : flags) {
            if (!flag) continue;
            const std::size_t at = message.find(flag->name);
            if (at == std::string::npos) continue;
            const std::size_t end = at + flag->name.size();
            const bool wordEnd =
                end == message.size() ||
                !(std::isalnum(static_cast<unsigned char>(message[end])) || message[end] == '_');
            if (!wordEnd) continue;
            const bool atStart = at == 0;
            if ((atStart && !bestAtStart) || (atStart == bestAtStart && flag->name.size() > bestLength)) {
                best = i;
                bestLength = flag->name.size();
                bestAtStart = atStart;
            }
        }
    }
    if (best >= 0) return best;
    // File readers name the file, not the flag ("x.hkl: line 3: ..."): the file field holding it.
    for (int i = 0; i < fieldCount(); ++i) {
        const std::string& v = value(i);
        if (field(i).kind == FieldKind::File && !v.empty() && message.find(v) != std::string::npos &&
            (best < 0 || v.size() > value(best).size()))
            best = i;
    }
    return best;
}

int ParameterForm::fieldForDroppedFile(const std::string& path) const {
    std::string name = std::filesystem::path(path).filename().string();
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    const std::string ext = std::filesystem::path(name).extension().string();
    if (ext == ".hkl" || ext == ".f" || ext == ".fcalc") return indexOf("-hkl");
    if (ext == ".mat" || ext == ".a" || name.find("matrix") != std::string::npos) return indexOf("-mat");
    if (ext == ".img" || ext == ".smv")
        return indexOf(name.find("mask") != std::string::npos ? "-mask" : "-img");
    if (name.find("source") != std::string::npos || ext == ".src") return indexOf("-sourcefile");
    if (ext == ".stol") return indexOf("-stol");
    return -1;
}

}  // namespace bragg::ui
