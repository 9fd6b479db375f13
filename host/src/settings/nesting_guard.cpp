// A scanner that knows just enough TOML to see keys and brackets: comments,
// the four kinds of string, and everything else as single characters. It must
// agree with toml++ on every text toml++ accepts, or a deep key could hide in
// what it takes for a string; where toml++ stops at a syntax error, nothing
// after that point is ever built, so disagreement there is harmless.
#include "settings/nesting_guard.hpp"

#include <algorithm>

#include "settings/settings_text.hpp"

namespace cordon::settings_detail {
namespace {

class NestingScanner {
public:
    explicit NestingScanner(std::string_view text) : text_(text) {}

    std::optional<NestingProblem> scan()
    {
        // A chain is a run of key parts, dots and blanks: a dotted key, or a
        // value such as 1.5 that holds at most one dot.
        std::size_t dots_in_chain = 0;
        std::size_t bracket_depth = 0;
        while (position_ < text_.size()) {
            const char c = text_[position_];
            if (c == '#') {
                skip_comment();
            } else if (c == '"' || c == '\'') {
                skip_string(c); // a quoted key part continues the chain
            } else {
                if (c == '.') {
                    if (++dots_in_chain >= max_key_parts)
                        return problem("a key has more than " + std::to_string(max_key_parts) + " dotted parts");
                } else if (c == '[' || c == '{') {
                    if (++bracket_depth > max_bracket_depth)
                        return problem("more than " + std::to_string(max_bracket_depth) +
                                       " arrays, inline tables or table headers are open at once");
                    dots_in_chain = 0;
                } else if (c == ']' || c == '}') {
                    bracket_depth -= std::min<std::size_t>(bracket_depth, 1);
                    dots_in_chain = 0;
                } else if (!is_toml_bare_key_char(c) && c != ' ' && c != '\t') {
                    dots_in_chain = 0;
                }
                ++position_;
            }
        }
        return std::nullopt;
    }

private:
    void skip_comment()
    {
        const std::size_t end = text_.find('\n', position_);
        position_ = end == std::string_view::npos ? text_.size() : end;
    }

    void skip_string(char quote)
    {
        const bool is_basic = quote == '"';
        const std::string_view triple = is_basic ? R"(""")" : "'''";
        if (text_.substr(position_, 3) == triple) {
            position_ += 3;
            skip_multiline_string_body(quote, is_basic);
            return;
        }
        ++position_;
        while (position_ < text_.size()) {
            const char c = text_[position_];
            if (c == '\n')
                return; // unterminated: toml++ reports it
            if (is_basic && c == '\\') {
                position_ += 2;
                continue;
            }
            ++position_;
            if (c == quote)
                return;
        }
    }

    // Ends at the first run of three or more quotes; up to two of them may
    // belong to the content ("""a""""" is the text a"").
    void skip_multiline_string_body(char quote, bool is_basic)
    {
        constexpr std::size_t longest_closing_run = 5;
        while (position_ < text_.size()) {
            const char c = text_[position_];
            if (is_basic && c == '\\') {
                position_ += 2;
                continue;
            }
            if (c != quote) {
                ++position_;
                continue;
            }
            std::size_t run = 0;
            while (position_ + run < text_.size() && text_[position_ + run] == quote)
                ++run;
            if (run >= 3) {
                position_ += std::min(run, longest_closing_run);
                return;
            }
            position_ += run;
        }
    }

    NestingProblem problem(std::string message) const
    {
        const TextPosition where = position_of(text_, position_);
        return NestingProblem{where.line, where.column, std::move(message)};
    }

    std::string_view text_;
    std::size_t position_ = 0;
};

} // namespace

std::optional<NestingProblem> find_excessive_nesting(std::string_view toml_text)
{
    return NestingScanner(toml_text).scan();
}

} // namespace cordon::settings_detail
