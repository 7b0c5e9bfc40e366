// SPDX-License-Identifier: GPL-2.0
/*
 * The virtual display of a vGPU as a guest i915 probes it: a DP monitor
 * on DDI A and, where the vGPU's GM allows a second head, one on DDI B,
 * their AUX channels answering (display/dpsink.c), the other ports' AUX
 * channels timing out as with nothing plugged in, GMBUS finding no DDC
 * device on any pin pair (display/gmbus.c), and the status bits hardware
 * computes from what the driver programmed (a pipe's state follows its
 * enable, a DDI buffer is idle while disabled, a PLL locks as it is
 * enabled, the data buffer powers up on request, the panel power
 * sequencer reaches the state asked for at once), the live hotplug status
 * of the ports with a monitor set, DDI B strapped where it has one.
 * Display programming only updates the virtual registers: nothing reaches
 * the pGPU.
 *
 * Everything here runs under the vGPU lock, from the register table's
 * handlers (trap/mmio_table.c) and the register file's reset
 * (trap/mmio.c); a register a handler writes is in the table, so the
 * register file's reset restores it.
 */
#include <linux/lockdep.h>

#include "core/vgpu_types.h"
#include "display/display.h"
#include "display/dpsink.h"
#include "display/edid.h"
#include "display/gmbus.h"
#include "display/monitor.h"
#include "display/vblank.h"
#include "regs/regs.h"
#include "trap/mmio.h"

/**
 * mgvt_display_reset - the monitor as the host left it, GMBUS idle
 * @vgpu: the vGPU, with its lock held, its register table just reset
 *
 * The monitor keeps its EDID and link (display/monitor.c); every pipe's
 * vblank timer stops.
 */
void mgvt_display_reset(struct mgvt_vgpu *vgpu)
{
	lockdep_assert_held(&vgpu->lock);
	mgvt_monitor_reset(vgpu);
	mgvt_gmbus_reset(&vgpu->display.gmbus, NULL);
	mgvt_vblank_reset(vgpu);
}

/* AUX channel data registers: byte i of a message at bits 31:24 of dword 0. */
static void aux_unpack(struct mgvt_vgpu *vgpu, unsigned int port, u8 *msg)
{
	unsigned int i;

	for (i = 0; i < MGVT_AUX_MSG_MAX; i++)
		msg[i] = *mgvt_vreg(vgpu, AUX_CH_DATA(port, i / 4)) >> (24 - 8 * (i % 4));
}

static void aux_pack(struct mgvt_vgpu *vgpu, unsigned int port, const u8 *msg,
		     unsigned int len)
{
	unsigned int i;

	for (i = 0; i < AUX_DATA_REGS; i++)
		*mgvt_vreg(vgpu, AUX_CH_DATA(port, i)) = 0;
	for (i = 0; i < len; i++)
		*mgvt_vreg(vgpu, AUX_CH_DATA(port, i / 4)) |=
			(u32)msg[i] << (24 - 8 * (i % 4));
}

/* The DP sink behind AUX channel @port, or NULL for none. */
static struct mgvt_dp_sink *aux_sink(struct mgvt_vgpu *vgpu, unsigned int port)
{
	struct mgvt_display *d = &vgpu->display;

	if (port == 0)
		return &d->sink;
	if (port == 1 && d->heads > 1)
		return &d->sink_b;
	return NULL;
}

/**
 * mgvt_aux_ctl_write - a DDI's AUX channel control: send, or clear status
 * @vgpu: the vGPU, with its lock held
 * @off: AUX_CH_CTL of ports A to E
 * @val: the value written
 *
 * The status bits (done, timeout, receive error) are write-1-to-clear.
 * With SEND_BUSY, the message in the data registers (its size in the
 * control register) goes out and the transaction completes before the
 * write returns: SEND_BUSY reads clear at once, DONE set, and either the
 * reply in the data registers with its size, or, on a port with nothing
 * plugged in (every port but A, and B on a vGPU with two heads) or a
 * message no sink answers, a timeout.
 */
void mgvt_aux_ctl_write(struct mgvt_vgpu *vgpu, u32 off, u32 val)
{
	unsigned int port = (off - AUX_CH_CTL(0)) / 0x100;
	u32 *ctl = mgvt_vreg(vgpu, off);
	struct mgvt_dp_sink *sink = aux_sink(vgpu, port);
	u8 tx[MGVT_AUX_MSG_MAX], rx[MGVT_AUX_MSG_MAX];
	unsigned int tx_len, rx_len = 0;

	*ctl = (val & ~(AUX_CTL_SEND_BUSY | AUX_CTL_STATUS)) |
	       (*ctl & AUX_CTL_STATUS & ~val);
	if (!(val & AUX_CTL_SEND_BUSY))
		return;

	tx_len = (val & AUX_CTL_SIZE) >> AUX_CTL_SIZE_SHIFT;
	if (sink && tx_len && tx_len <= MGVT_AUX_MSG_MAX) {
		aux_unpack(vgpu, port, tx);
		rx_len = mgvt_dp_aux_transfer(sink, tx, tx_len, rx);
	}
	*ctl &= ~(AUX_CTL_STATUS | AUX_CTL_SIZE);
	if (!rx_len) {
		*ctl |= AUX_CTL_DONE | AUX_CTL_TIME_OUT_ERROR;
		return;
	}
	aux_pack(vgpu, port, rx, rx_len);
	*ctl |= AUX_CTL_DONE | rx_len << AUX_CTL_SIZE_SHIFT;
}

/* The DDC device on the pin pair GMBUS0 selects: none (DDI A has none). */
static struct mgvt_ddc *gmbus_ddc(struct mgvt_vgpu *vgpu)
{
	return NULL;
}

/**
 * mgvt_gmbus1_write - GMBUS1: start a cycle, stop, or clear an error
 * @vgpu: the vGPU, with its lock held
 * @off: GMBUS1
 * @val: the command
 */
void mgvt_gmbus1_write(struct mgvt_vgpu *vgpu, u32 off, u32 val)
{
	*mgvt_vreg(vgpu, off) = val & ~(GMBUS1_SW_RDY | GMBUS1_SW_CLR_INT);
	mgvt_gmbus_command(&vgpu->display.gmbus, gmbus_ddc(vgpu), val,
			   *mgvt_vreg(vgpu, GMBUS3));
}

/**
 * mgvt_gmbus2_read - GMBUS2: the state of the current cycle
 * @vgpu: the vGPU, with its lock held
 * @off: GMBUS2
 * @val: its stored value (unused)
 *
 * Return: the controller's status.
 */
u32 mgvt_gmbus2_read(struct mgvt_vgpu *vgpu, u32 off, u32 val)
{
	return vgpu->display.gmbus.status;
}

/**
 * mgvt_gmbus3_read - GMBUS3: the next bytes of a read cycle
 * @vgpu: the vGPU, with its lock held
 * @off: GMBUS3
 * @val: its stored value (unused)
 *
 * Return: up to four bytes, the first in bits 7:0.
 */
u32 mgvt_gmbus3_read(struct mgvt_vgpu *vgpu, u32 off, u32 val)
{
	return mgvt_gmbus_data_read(&vgpu->display.gmbus, gmbus_ddc(vgpu));
}

/**
 * mgvt_gmbus3_write - GMBUS3: the next bytes of a write cycle
 * @vgpu: the vGPU, with its lock held
 * @off: GMBUS3
 * @val: up to four bytes, the first in bits 7:0
 */
void mgvt_gmbus3_write(struct mgvt_vgpu *vgpu, u32 off, u32 val)
{
	*mgvt_vreg(vgpu, off) = val;
	mgvt_gmbus_data_write(&vgpu->display.gmbus, gmbus_ddc(vgpu), val);
}

/* A status bit that follows a request bit of the same register. */
static u32 follows(u32 val, u32 request, u32 state)
{
	return (val & ~state) | (val & request ? state : 0);
}

/**
 * mgvt_pipeconf_read - a transcoder's state follows its enable
 * @vgpu: the vGPU, with its lock held
 * @off: PIPECONF of transcoder A, B, C or eDP
 * @val: its stored value
 *
 * Return: @val with the state bit computed.
 */
u32 mgvt_pipeconf_read(struct mgvt_vgpu *vgpu, u32 off, u32 val)
{
	return follows(val, PIPECONF_ENABLE, PIPECONF_STATE);
}

/**
 * mgvt_ddi_buf_read - a DDI buffer is idle while disabled
 * @vgpu: the vGPU, with its lock held
 * @off: DDI_BUF_CTL of ports A to E
 * @val: its stored value
 *
 * Return: @val with the idle bit computed.
 */
u32 mgvt_ddi_buf_read(struct mgvt_vgpu *vgpu, u32 off, u32 val)
{
	return val & DDI_BUF_ENABLE ? val & ~DDI_BUF_IDLE : val | DDI_BUF_IDLE;
}

/**
 * mgvt_lcpll1_read - DPLL0 (CDCLK's PLL) locks as soon as it is enabled
 * @vgpu: the vGPU, with its lock held
 * @off: LCPLL1_CTL
 * @val: its stored value
 *
 * Return: @val with the lock bit computed.
 */
u32 mgvt_lcpll1_read(struct mgvt_vgpu *vgpu, u32 off, u32 val)
{
	return follows(val, PLL_ENABLE, LCPLL1_LOCK);
}

/**
 * mgvt_dpll_status_read - DPLL0-3 locked while enabled
 * @vgpu: the vGPU, with its lock held
 * @off: DPLL_STATUS
 * @val: its stored value (unused)
 *
 * Return: a lock bit per enabled PLL.
 */
u32 mgvt_dpll_status_read(struct mgvt_vgpu *vgpu, u32 off, u32 val)
{
	static const u32 ctl[4] = {
		LCPLL1_CTL, LCPLL2_CTL, WRPLL_CTL(0), WRPLL_CTL(1)
	};
	unsigned int i;
	u32 st = 0;

	for (i = 0; i < ARRAY_SIZE(ctl); i++)
		if (*mgvt_vreg(vgpu, ctl[i]) & PLL_ENABLE)
			st |= DPLL_STATUS_LOCK(i);
	return st;
}

/**
 * mgvt_dbuf_read - the data buffer powers up on request
 * @vgpu: the vGPU, with its lock held
 * @off: DBUF_CTL
 * @val: its stored value
 *
 * Return: @val with the power state bit computed.
 */
u32 mgvt_dbuf_read(struct mgvt_vgpu *vgpu, u32 off, u32 val)
{
	return follows(val, DBUF_POWER_REQUEST, DBUF_POWER_STATE);
}

/**
 * mgvt_pp_status_read - the panel power sequencer is done at once
 * @vgpu: the vGPU, with its lock held
 * @off: PP_STATUS
 * @val: its stored value (unused)
 *
 * Return: on and idle while PP_CONTROL asks for power, else off and idle.
 */
u32 mgvt_pp_status_read(struct mgvt_vgpu *vgpu, u32 off, u32 val)
{
	return *mgvt_vreg(vgpu, PP_CONTROL) & PP_CONTROL_POWER_ON ?
	       PP_STATUS_ON | PP_STATUS_ON_IDLE : 0;
}

/**
 * mgvt_hotplug_isr_read - live hotplug status: the monitors on ports A, B
 * @vgpu: the vGPU, with its lock held
 * @off: SDE_ISR or DE_PORT_ISR
 * @val: its stored value (unused)
 *
 * Return: the hotplug bit of each port whose monitor is connected; port
 * B has one in SDE_ISR only (on Skylake the south display detects it).
 */
u32 mgvt_hotplug_isr_read(struct mgvt_vgpu *vgpu, u32 off, u32 val)
{
	struct mgvt_display *d = &vgpu->display;
	u32 st = 0;

	if (off == SDE_ISR) {
		if (d->sink.connected)
			st |= SDE_PORTA_HOTPLUG;
		if (d->sink_b.connected)
			st |= SDE_PORTB_HOTPLUG;
	} else if (d->sink.connected) {
		st |= DE_PORT_DP_A_HOTPLUG;
	}
	return st;
}

/**
 * mgvt_shotplug_write - SHOTPLUG_CTL: port A's and B's status are W1C
 * @vgpu: the vGPU, with its lock held
 * @off: SHOTPLUG_CTL
 * @val: the value written
 *
 * The rest of the register (detection enables) is stored as written.
 */
void mgvt_shotplug_write(struct mgvt_vgpu *vgpu, u32 off, u32 val)
{
	const u32 w1c = SHOTPLUG_PORTA_STATUS | SHOTPLUG_PORTB_STATUS;
	u32 *reg = mgvt_vreg(vgpu, off);

	*reg = (val & ~w1c) | (*reg & w1c & ~val);
}

/**
 * mgvt_sfuse_strap_read - the straps: DDI B where it has a monitor
 * @vgpu: the vGPU, with its lock held
 * @off: SFUSE_STRAP
 * @val: its stored value
 *
 * A Skylake i915 sets up DDI B only if it is strapped.
 *
 * Return: @val, with DDI B's strap on a vGPU with two heads.
 */
u32 mgvt_sfuse_strap_read(struct mgvt_vgpu *vgpu, u32 off, u32 val)
{
	return vgpu->display.heads > 1 ? val | SFUSE_STRAP_DDIB : val;
}
