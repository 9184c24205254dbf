using Microsoft.AspNetCore.Identity;
using XinYu.Identity.Data;
using XinYu.ServiceDefaults.Http;

namespace XinYu.Identity.Accounts;

/// <summary>A holder replaces their password (from the API, or on the first-sign-in page): the current one is required.</summary>
public static class PasswordChange
{
    public static async Task ApplyAsync(UserManager<StaffAccount> accounts, StaffAccount account, string? current, string? replacement)
    {
        if (string.IsNullOrEmpty(current)) throw new RequestRejectedException("currentPassword", "Give your current password.");
        if (string.IsNullOrEmpty(replacement)) throw new RequestRejectedException("newPassword", "Give the new password.");
        if (replacement == current) throw new RequestRejectedException("newPassword", "Choose a password other than the current one.");
        var result = await accounts.ChangePasswordAsync(account, current, replacement);
        if (!result.Succeeded)
        {
            var error = result.Errors.First();
            throw new RequestRejectedException(error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "currentPassword" : "newPassword",
                error.Description);
        }
        if (account.MustChangePassword)
        {
            account.MustChangePassword = false;
            await accounts.UpdateAsync(account);
        }
    }
}
