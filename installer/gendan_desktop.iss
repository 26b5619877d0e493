; Inno Setup script for Gendan Desktop (跟单桌面).
; Build on Windows after PyInstaller (see installer\README.md):
;     iscc installer\gendan_desktop.iss
; Output: installer\Output\GendanDesktop-Setup-<version>.exe
; Installs per user (no admin rights needed) into %LOCALAPPDATA%\Programs;
; the database lives apart in %LOCALAPPDATA%\GendanDesktop and is never
; touched by installing, upgrading or uninstalling.

#define AppName "跟单桌面 Gendan Desktop"
#define AppVersion "0.1.0"
#define AppExe "GendanDesktop.exe"

[Setup]
AppId={{6C1F1C2E-3B7A-4E54-9E1D-4E5A9D6C0B71}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Gendan Desktop
DefaultDirName={localappdata}\Programs\GendanDesktop
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
OutputDir=Output
OutputBaseFilename=GendanDesktop-Setup-{#AppVersion}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
UninstallDisplayIcon={app}\{#AppExe}

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\dist\GendanDesktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
