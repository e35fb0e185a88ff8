using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpsCopilot.Data.Broadcasts;

internal sealed class BroadcastSubscriptionConfiguration : IEntityTypeConfiguration<BroadcastSubscription>
{
    public void Configure(EntityTypeBuilder<BroadcastSubscription> builder)
    {
        builder.ToTable("broadcast_subscriptions", "ops");
        builder.HasOne<Drivers.Driver>().WithMany().HasForeignKey(s => s.DriverId).OnDelete(DeleteBehavior.Cascade);
    }
}
