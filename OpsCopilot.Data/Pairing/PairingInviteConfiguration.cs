using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpsCopilot.Data.Pairing;

internal sealed class PairingInviteConfiguration : IEntityTypeConfiguration<PairingInvite>
{
    public void Configure(EntityTypeBuilder<PairingInvite> builder)
    {
        builder.ToTable("pairing_invites", "ops");
        builder.HasOne<Identity.AppUser>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
