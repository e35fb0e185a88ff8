namespace OpsCopilot.Data.Identity;

public sealed class Permission
{
    public int Id { get; set; }
    public required string PermissionKey { get; set; }
    public string Description { get; set; } = "";
}

public sealed class RolePermission
{
    public Guid RoleId { get; set; }
    public int PermissionId { get; set; }
}
