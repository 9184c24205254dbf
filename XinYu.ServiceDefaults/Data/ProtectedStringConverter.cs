using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace XinYu.ServiceDefaults.Data;

/// <summary>
/// Encrypts a column at rest (counselling notes, family situation, crisis details) with ASP.NET Data Protection,
/// whose keys live in Redis (<see cref="RedisExtensions.AddSharedDataProtection"/>), not in the database: a copy of
/// the database alone shows ciphertext. Encrypted columns cannot be searched or sorted by the database; that is the
/// point. In OnModelCreating, take the provider with <see cref="ProtectedPropertyExtensions.DataProtection"/> and call
/// <see cref="ProtectedPropertyExtensions.IsProtected"/>.
/// </summary>
public sealed class ProtectedStringConverter(IDataProtector protector)
    : ValueConverter<string, string>(plain => protector.Protect(plain), stored => protector.Unprotect(stored));

public static class ProtectedPropertyExtensions
{
    /// <summary>
    /// The application's Data Protection provider, for a context's OnModelCreating. Taken from the application's
    /// services rather than the context's constructor: the services' contexts are pooled (AddServiceDatabase), and a
    /// pooled context's only constructor parameter is its options. The model is built once per context type, so the
    /// converters it holds keep the provider of the first context built, the application's singleton either way.
    /// </summary>
    public static IDataProtectionProvider DataProtection(this DbContext context) =>
        context.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<IDataProtectionProvider>()
        ?? throw new InvalidOperationException(
            $"{context.GetType().Name} has encrypted columns and needs the application's IDataProtectionProvider: register Data Protection, and build the context's options with the application's services (AddServiceDatabase does).");

    /// <param name="purpose">Separates keys per kind of data ("XinYu.Records.CounsellingNotes"): one kind's ciphertext
    /// cannot be read as another's.</param>
    public static PropertyBuilder IsProtected(this PropertyBuilder property, IDataProtectionProvider provider, string purpose) =>
        property.HasConversion(new ProtectedStringConverter(provider.CreateProtector(purpose)));
}
