#include "plugin_abi/body_encryption_interface_validation.hpp"

#include <string>
#include <utility>

namespace cordon {

Result<void> validate_body_encryption_interface(const cordon_body_encryption_interface *encryption)
{
    if (encryption == nullptr) {
        return Error{ErrorCode::contract_violation, "body encryption interface is missing (NULL)"};
    }
    if (encryption->struct_size < body_encryption_interface_size_v1) {
        return Error{ErrorCode::contract_violation, "body encryption interface struct_size is " +
                                                        std::to_string(encryption->struct_size) +
                                                        " bytes; cordon.body-encryption/1 needs at least " +
                                                        std::to_string(body_encryption_interface_size_v1)};
    }
    const std::pair<const void *, const char *> required[] = {
        {reinterpret_cast<const void *>(encryption->identity_create), "identity_create"},
        {reinterpret_cast<const void *>(encryption->identity_destroy), "identity_destroy"},
        {reinterpret_cast<const void *>(encryption->encrypt), "encrypt"},
        {reinterpret_cast<const void *>(encryption->decrypt), "decrypt"},
    };
    for (const auto &[function, name] : required) {
        if (function == nullptr) {
            return Error{ErrorCode::contract_violation,
                         std::string("required body encryption function ") + name + " is missing (NULL)"};
        }
    }
    return {};
}

} // namespace cordon
