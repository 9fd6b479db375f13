// How many objects of one kind exist now. Each object holds a token from its
// construction to its destruction, so the count is what is alive, whoever
// keeps it alive: an application holding an ended call still shows up. A
// token shares the count, so it may outlive the counter that issued it.
#pragma once

#include <atomic>
#include <cstddef>
#include <memory>

namespace cordon {

class AliveCount {
public:
    class Token {
    public:
        Token() = default;
        explicit Token(std::shared_ptr<std::atomic<std::size_t>> count) : count_(std::move(count)) { ++*count_; }
        Token(Token &&other) noexcept : count_(std::move(other.count_)) {}
        Token &operator=(Token &&other) noexcept
        {
            if (this != &other) {
                release();
                count_ = std::move(other.count_);
            }
            return *this;
        }
        Token(const Token &) = delete;
        Token &operator=(const Token &) = delete;
        ~Token() { release(); }

    private:
        void release()
        {
            if (count_) {
                --*count_;
                count_.reset();
            }
        }

        std::shared_ptr<std::atomic<std::size_t>> count_;
    };

    Token token() const { return Token(count_); }
    std::size_t now() const { return count_->load(); }

private:
    std::shared_ptr<std::atomic<std::size_t>> count_ = std::make_shared<std::atomic<std::size_t>>(0);
};

} // namespace cordon
