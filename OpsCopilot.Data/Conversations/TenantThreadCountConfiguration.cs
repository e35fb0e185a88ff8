using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpsCopilot.Data.Conversations;

internal sealed class TenantThreadCountConfiguration : IEntityTypeConfiguration<TenantThreadCount>
{
    public void Configure(EntityTypeBuilder<TenantThreadCount> builder)
    {
        builder.ToTable("tenant_thread_counts", "ops");
        builder.HasKey(c => c.TenantId);
        builder.Property(c => c.TenantId).ValueGeneratedNever();
    }
}
