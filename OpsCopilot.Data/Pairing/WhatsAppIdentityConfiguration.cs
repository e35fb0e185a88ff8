using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpsCopilot.Data.Pairing;

internal sealed class WhatsAppIdentityConfiguration : IEntityTypeConfiguration<WhatsAppIdentity>
{
    public void Configure(EntityTypeBuilder<WhatsAppIdentity> builder)
    {
        builder.ToTable("identities", "ops");
        builder.HasOne<Identity.AppUser>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
