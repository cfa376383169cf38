<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ExportPage</name>
    <message numerus="yes">
        <location filename="../../src/fieldapp/gui/pages/export.py" line="+321"/>
        <source>%n finalized interview(s) waiting. Enrol this laptop with the project key first.</source>
        <translation>
            <numerusform>%n finalized interview waiting. Enrol this laptop with the project key first.</numerusform>
            <numerusform>%n finalized interviews waiting. Enrol this laptop with the project key first.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n finalized interview(s) waiting. Plug in the USB stick and choose its folder.</source>
        <translation>
            <numerusform>%n finalized interview waiting. Plug in the USB stick and choose its folder.</numerusform>
            <numerusform>%n finalized interviews waiting. Plug in the USB stick and choose its folder.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n finalized interview(s) waiting to be exported.</source>
        <translation>
            <numerusform>%n finalized interview waiting to be exported.</numerusform>
            <numerusform>%n finalized interviews waiting to be exported.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+104"/>
        <source>Exported %n interview(s) as bundle {0}: file {1} ({2}) in {3}. Their answers were removed from this laptop; a sealed copy stays until the coordinator&apos;s receipt comes back.</source>
        <translation>
            <numerusform>Exported %n interview as bundle {0}: file {1} ({2}) in {3}. Its answers were removed from this laptop; a sealed copy stays until the coordinator&apos;s receipt comes back.</numerusform>
            <numerusform>Exported %n interviews as bundle {0}: file {1} ({2}) in {3}. Their answers were removed from this laptop; a sealed copy stays until the coordinator&apos;s receipt comes back.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+42"/>
        <source>Receipt verified: bundle {0} (%n interview(s)) is safe at the coordinator; its sealed copy was removed from this laptop.</source>
        <translation>
            <numerusform>Receipt verified: bundle {0} (%n interview) is safe at the coordinator; its sealed copy was removed from this laptop.</numerusform>
            <numerusform>Receipt verified: bundle {0} (%n interviews) is safe at the coordinator; its sealed copy was removed from this laptop.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+33"/>
        <source>Wrote %n bundle(s) again to {0}: {1}. Give this stick to the coordinator.</source>
        <translation>
            <numerusform>Wrote %n bundle again to {0}: {1}. Give this stick to the coordinator.</numerusform>
            <numerusform>Wrote %n bundles again to {0}: {1}. Give this stick to the coordinator.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FormsPage</name>
    <message numerus="yes">
        <location filename="../../src/fieldapp/gui/pages/forms.py" line="+175"/>
        <source>{0} was not installed: %n problem(s) listed below. Fix them in the workbook and add it again.</source>
        <translation>
            <numerusform>{0} was not installed: %n problem listed below. Fix it in the workbook and add the form again.</numerusform>
            <numerusform>{0} was not installed: %n problems listed below. Fix them in the workbook and add the form again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message numerus="yes">
        <location filename="../../src/fieldapp/gui/pages/home.py" line="+329"/>
        <source>%n interview(s) exported from this laptop: it keeps only how many, and only the coordinator can read them.</source>
        <translation>
            <numerusform>%n interview exported from this laptop: it keeps only how many, and only the coordinator can read it.</numerusform>
            <numerusform>%n interviews exported from this laptop: it keeps only how many, and only the coordinator can read them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message numerus="yes">
        <location filename="../../src/fieldapp/gui/pages/import_.py" line="+325"/>
        <source>The laptop with the words {0} is trusted from its first merged bundle; %n of its bundle(s) are checked again.</source>
        <translation>
            <numerusform>The laptop with the words {0} is trusted from its first merged bundle; %n of its bundles is checked again.</numerusform>
            <numerusform>The laptop with the words {0} is trusted from its first merged bundle; %n of its bundles are checked again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+55"/>
        <source>Merge finished: %n bundle(s) imported</source>
        <translation>
            <numerusform>Merge finished: %n bundle imported</numerusform>
            <numerusform>Merge finished: %n bundles imported</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../src/fieldapp/gui/main_window.py" line="+508"/>
        <source>fieldapp locked itself after %n minute(s) without use.</source>
        <translation>
            <numerusform>fieldapp locked itself after %n minute without use.</numerusform>
            <numerusform>fieldapp locked itself after %n minutes without use.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message numerus="yes">
        <location filename="../../src/fieldapp/gui/pages/review.py" line="+410"/>
        <source>%n question(s) need attention before the interview can be finalized. Choose a row to go back to it.</source>
        <translation>
            <numerusform>%n question needs attention before the interview can be finalized. Choose its row to go back to it.</numerusform>
            <numerusform>%n questions need attention before the interview can be finalized. Choose a row to go back to it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+157"/>
        <source>%n question(s) not answered:</source>
        <translation>
            <numerusform>%n question not answered:</numerusform>
            <numerusform>%n questions not answered:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TablesCounts</name>
    <message numerus="yes">
        <location filename="../../src/fieldapp/gui/pages/tables_view.py" line="+75"/>
        <source>%n finalized interview(s).</source>
        <translation>
            <numerusform>%n finalized interview.</numerusform>
            <numerusform>%n finalized interviews.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n entry(ies)</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n respondent(s)</source>
        <translation>
            <numerusform>%n respondent</numerusform>
            <numerusform>%n respondents</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TablesPage</name>
    <message numerus="yes">
        <location filename="../../src/fieldapp/gui/pages/tables.py" line="+135"/>
        <source>{0} (%n finalized interview(s))</source>
        <extracomment>The settings of the tables shown (kept under its old name for callers). All tables of the current settings are computed (and the current one shown). The table shown changed (a question, a breakdown or a comparison was chosen). A file was written (its path). A computation or export failed; the sentence is on the status line.</extracomment>
        <translation>
            <numerusform>{0} (%n finalized interview)</numerusform>
            <numerusform>{0} (%n finalized interviews)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WipeDialog</name>
    <message numerus="yes">
        <location filename="../../src/fieldapp/gui/pages/settings.py" line="+109"/>
        <source>This destroys the store on this laptop for ever: every draft, every interview not yet exported and the keys. Nobody, including the coordinator, can bring them back.

To wipe, press and hold the button below (or hold Space on it) for %n second(s). Let go to stop.</source>
        <translation>
            <numerusform>This destroys the store on this laptop for ever: every draft, every interview not yet exported and the keys. Nobody, including the coordinator, can bring them back.

To wipe, press and hold the button below (or hold Space on it) for %n second. Let go to stop.</numerusform>
            <numerusform>This destroys the store on this laptop for ever: every draft, every interview not yet exported and the keys. Nobody, including the coordinator, can bring them back.

To wipe, press and hold the button below (or hold Space on it) for %n seconds. Let go to stop.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+39"/>
        <source>Keep holding: %n second(s)</source>
        <translation>
            <numerusform>Keep holding: %n second</numerusform>
            <numerusform>Keep holding: %n seconds</numerusform>
        </translation>
    </message>
</context>
</TS>
