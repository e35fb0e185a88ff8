using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpsCopilot.Data.Conversations;

internal sealed class IngestDedupConfiguration : IEntityTypeConfiguration<IngestDedup>
{
    public void Configure(EntityTypeBuilder<IngestDedup> builder)
    {
        builder.ToTable("ingest_dedup", "ops");
        builder.Property(d => d.Response).HasColumnType("jsonb");
    }
}
