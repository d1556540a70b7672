// Loads glossary files through OmegaT's own readers and prints what OmegaT gets from them.
//
//   java -cp OmegaT.jar:. GlossaryProbe SOURCE TARGET FILE...
//
// SOURCE and TARGET are the project's languages (as in OmegaT's project properties). A file
// ending in .tbx goes through GlossaryReaderTBX, any other through GlossaryReaderTSV, exactly
// as OmegaT's glossary manager picks them. One line of JSON per glossary entry:
// {"file": ..., "source": ..., "target": ..., "comment": ...}; non-ASCII is escaped, so the
// output does not depend on the platform's encoding.

import java.io.File;
import java.io.PrintStream;
import java.util.List;

import org.omegat.core.Core;
import org.omegat.core.data.NotLoadedProject;
import org.omegat.core.data.ProjectProperties;
import org.omegat.gui.glossary.GlossaryEntry;
import org.omegat.gui.glossary.GlossaryReaderTBX;
import org.omegat.gui.glossary.GlossaryReaderTSV;
import org.omegat.util.Language;

public class GlossaryProbe {
    public static void main(String[] args) throws Exception {
        final String source = args[0];
        final String target = args[1];
        final File home = new File(System.getProperty("java.io.tmpdir"));
        Core.setProject(new NotLoadedProject() {
            @Override
            public ProjectProperties getProjectProperties() {
                try {
                    ProjectProperties props = new ProjectProperties(home);
                    props.setSourceLanguage(new Language(source));
                    props.setTargetLanguage(new Language(target));
                    return props;
                } catch (Exception ex) {
                    throw new RuntimeException(ex);
                }
            }
        });
        PrintStream out = new PrintStream(System.out, true, "US-ASCII");
        for (int i = 2; i < args.length; i++) {
            File file = new File(args[i]);
            List<GlossaryEntry> entries = file.getName().endsWith(".tbx")
                    ? GlossaryReaderTBX.read(file, false)
                    : GlossaryReaderTSV.read(file, false);
            for (GlossaryEntry e : entries) {
                out.println("{\"file\": " + quote(file.getName()) + ", \"source\": "
                        + quote(e.getSrcText()) + ", \"target\": " + quote(e.getLocText())
                        + ", \"comment\": " + quote(e.getCommentText()) + "}");
            }
        }
    }

    static String quote(String text) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
