<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>FormsPage</name>
    <message numerus="yes">
        <location filename="../../src/fieldapp/gui/pages/forms.py" line="+181"/>
        <source>{0} was not installed: %n problem(s) listed below. Fix them in the workbook and add it again.</source>
        <translation>
            <numerusform>{0} was not installed: %n problem listed below. Fix it in the workbook and add the form again.</numerusform>
            <numerusform>{0} was not installed: %n problems listed below. Fix them in the workbook and add the form again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../src/fieldapp/gui/main_window.py" line="+332"/>
        <source>fieldapp locked itself after %n minute(s) without use.</source>
        <translation>
            <numerusform>fieldapp locked itself after %n minute without use.</numerusform>
            <numerusform>fieldapp locked itself after %n minutes without use.</numerusform>
        </translation>
    </message>
</context>
</TS>
