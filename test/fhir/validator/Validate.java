import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import com.google.gson.Gson;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;

/**
 * Validates every *.json file of a folder against the FHIR R4 base specification, offline (no
 * terminology server), in one JVM, and prints one JSON array: per file its resource type, the
 * number of errors, warnings and information messages, and the messages.
 *
 *   java -cp "classes:jars/*" Validate <folder>
 */
public class Validate {
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: Validate <folder of FHIR JSON resources>");
      System.exit(2);
    }
    FhirContext context = FhirContext.forR4();
    ValidationSupportChain support =
        new ValidationSupportChain(
            new DefaultProfileValidationSupport(context),
            new CommonCodeSystemsTerminologyService(context),
            new InMemoryTerminologyServerValidationSupport(context),
            new SnapshotGeneratingValidationSupport(context));
    FhirValidator validator =
        context.newValidator().registerValidatorModule(new FhirInstanceValidator(support));

    List<Path> files;
    try (Stream<Path> listing = Files.list(Path.of(args[0]))) {
      files = listing.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    List<Map<String, Object>> report = new ArrayList<>();
    for (Path file : files) {
      String json = Files.readString(file, StandardCharsets.UTF_8);
      ValidationResult result = validator.validateWithResult(json);
      Map<String, Integer> counts = new LinkedHashMap<>(Map.of("error", 0, "warning", 0, "information", 0));
      List<Map<String, String>> messages = new ArrayList<>();
      for (SingleValidationMessage message : result.getMessages()) {
        String severity = severityOf(message.getSeverity());
        counts.merge(severity, 1, Integer::sum);
        messages.add(
            Map.of(
                "severity", severity,
                "location", String.valueOf(message.getLocationString()),
                "message", String.valueOf(message.getMessage())));
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("file", file.getFileName().toString());
      entry.put(
          "resourceType",
          JsonParser.parseString(json).getAsJsonObject().get("resourceType").getAsString());
      entry.putAll(counts);
      entry.put("messages", messages);
      report.add(entry);
    }
    System.out.println(new Gson().toJson(report));
  }

  /** Fatal counts as an error: either fails the resource. */
  private static String severityOf(ResultSeverityEnum severity) {
    return switch (severity) {
      case FATAL, ERROR -> "error";
      case WARNING -> "warning";
      default -> "information";
    };
  }
}
