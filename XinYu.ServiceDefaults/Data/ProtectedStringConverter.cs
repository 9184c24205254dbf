using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace XinYu.ServiceDefaults.Data;

/// <summary>
/// Encrypts a column at rest (counselling notes, family situation, crisis details) with ASP.NET Data Protection,
/// whose keys live in Redis (<see cref="RedisExtensions.AddSharedDataProtection"/>), not in the database: a copy of
/// the database alone shows ciphertext. Encrypted columns cannot be searched or sorted by the database; that is the
/// point. Give the context an <see cref="IDataProtectionProvider"/> and call <see cref="IsProtected"/> in
/// OnModelCreating.
/// </summary>
public sealed class ProtectedStringConverter(IDataProtector protector)
    : ValueConverter<string, string>(plain => protector.Protect(plain), stored => protector.Unprotect(stored));

public static class ProtectedPropertyExtensions
{
    /// <param name="purpose">Separates keys per kind of data ("XinYu.Records.CounsellingNotes"): one kind's ciphertext
    /// cannot be read as another's.</param>
    public static PropertyBuilder IsProtected(this PropertyBuilder property, IDataProtectionProvider provider, string purpose) =>
        property.HasConversion(new ProtectedStringConverter(provider.CreateProtector(purpose)));
}
