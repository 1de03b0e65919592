; Inno Setup 6 script for the Windows installer of Union Inspector (工会走访监督助手).
; Build the PyInstaller bundle first (dist\union-inspector\), then from the repository root:
;   iscc installers\windows\union-inspector.iss
; The installer goes to dist\installer\. Data stays in the user's profile (%LOCALAPPDATA%\UnionInspector)
; and is never removed by the uninstaller.

#define AppName "工会走访监督助手"
#define AppNameEn "Union Inspector"
#define AppVersion "0.1.0"
#define AppExe "union-inspector.exe"
#define GuiExe "union-inspector-gui.exe"
#define SourceDir "..\..\dist\union-inspector"

[Setup]
AppId={{6B1C3E52-8E0B-4C7B-9A7E-2F1D5C0A9E41}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=区总工会
DefaultDirName={autopf}\UnionInspector
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
OutputDir=..\..\dist\installer
OutputBaseFilename=union-inspector-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
UninstallDisplayIcon={app}\{#GuiExe}
CloseApplications=yes

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
; Shortcuts start the windowed executable; union-inspector.exe is the same program for the command line.
Name: "{group}\{#AppName}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Parameters: "check"; Flags: runhidden waituntilterminated; StatusMsg: "正在检查安装…"
Filename: "{app}\{#GuiExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
