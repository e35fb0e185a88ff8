#:property PublishAot=false
#:property TreatWarningsAsErrors=true
// Copies blazor.web.js out of the ASP.NET Core 9 runtime pack, where it is an embedded
// manifest resource of Microsoft.AspNetCore.Components.Endpoints.dll (the .NET 10 carrier
// package is not served by this registry). Usage: extract-blazor-script.cs <assembly> <output>
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: extract-blazor-script <assembly> <output>");
    return 2;
}

using var stream = File.OpenRead(args[0]);
using var pe = new PEReader(stream);
var metadata = pe.GetMetadataReader();
foreach (var handle in metadata.ManifestResources)
{
    var resource = metadata.GetManifestResource(handle);
    var name = metadata.GetString(resource.Name);
    if (!resource.Implementation.IsNil || !name.EndsWith("blazor.web.js", StringComparison.Ordinal))
        continue;

    if (!pe.PEHeaders.TryGetDirectoryOffset(pe.PEHeaders.CorHeader!.ResourcesDirectory, out var start))
        break;
    var image = pe.GetEntireImage().GetReader();
    image.Offset = start + (int)resource.Offset;
    var length = image.ReadInt32();
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(args[1]))!);
    File.WriteAllBytes(args[1], image.ReadBytes(length));
    Console.WriteLine($"Extracted {name} ({length} bytes) to {args[1]}");
    return 0;
}

Console.Error.WriteLine($"No blazor.web.js resource in {args[0]}");
return 1;
